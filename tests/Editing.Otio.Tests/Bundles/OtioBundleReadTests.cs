using System.Text;
using Editing.Otio.Bundles;
using Editing.Otio.Schema;
using static Editing.Otio.Tests.Bundles.BundleTestSupport;

namespace Editing.Otio.Tests.Bundles;

public sealed class OtioBundleReadTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static readonly byte[] Content = Encoding.UTF8.GetBytes(SmallContent);
    private static readonly byte[] Version = Encoding.ASCII.GetBytes("1.0.0");

    private string WrittenOtioz()
    {
        var media = _tmp.Media("src/a.mov", 64);
        var clip = new Clip("a", new ExternalReference(OtioBundle.FileUrlFromPath(media)), Range(0, 10));
        var bundle = _tmp.PathOf("in.otioz");
        OtioBundle.WriteOtioz(OneTrack(clip), bundle);
        return bundle;
    }

    [Fact]
    public void ReadOtioz_WithoutExtract_ReadsContentWithRelativeUrls()
    {
        var bundle = WrittenOtioz();

        var read = OtioBundle.ReadOtioz(bundle, new OtioBundleReadOptions { AbsoluteMediaReferencePaths = true });

        Assert.Equal("media/a.mov", ((ExternalReference)ClipNamed(read, "a").MediaReference!).TargetUrl);
    }

    [Fact]
    public void ReadOtioz_WithExtract_ExtractsEverythingAndMakesUrlsAbsoluteFileUrls()
    {
        var bundle = WrittenOtioz();
        var extract = _tmp.PathOf("extracted");

        var read = OtioBundle.ReadOtioz(bundle, new OtioBundleReadOptions { ExtractDirectory = extract, AbsoluteMediaReferencePaths = true });

        Assert.Equal("1.0.0", File.ReadAllText(Path.Combine(extract, "version.txt")));
        Assert.True(File.Exists(Path.Combine(extract, "content.otio")));
        var url = ((ExternalReference)ClipNamed(read, "a").MediaReference!).TargetUrl;
        Assert.StartsWith("file://", url, StringComparison.Ordinal);
        var path = OtioBundle.FileFromUrl(url)!;
        Assert.Equal(Path.Combine(extract, "media", "a.mov"), Path.GetFullPath(path));
        Assert.Equal(File.ReadAllBytes(_tmp.PathOf("src/a.mov")), File.ReadAllBytes(path));
    }

    [Fact]
    public void ReadOtioz_WithExtractButNotAbsolute_KeepsRelativeUrls()
    {
        var bundle = WrittenOtioz();

        var read = OtioBundle.ReadOtioz(bundle, new OtioBundleReadOptions { ExtractDirectory = _tmp.PathOf("x") });

        Assert.Equal("media/a.mov", ((ExternalReference)ClipNamed(read, "a").MediaReference!).TargetUrl);
        Assert.True(File.Exists(_tmp.PathOf("x/media/a.mov")));
    }

    [Fact]
    public void ReadOtioz_RefusesAnExistingExtractFolder()
    {
        var bundle = WrittenOtioz();
        Directory.CreateDirectory(_tmp.PathOf("x"));

        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtioz(bundle, new OtioBundleReadOptions { ExtractDirectory = _tmp.PathOf("x") }));

        Assert.Equal(OtioErrorKind.FileWriteFailed, e.Kind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tmp.PathOf("x")));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("media/../../evil")]
    [InlineData("/abs")]
    [InlineData("C:/x")]
    [InlineData("media\\..\\..\\evil")]
    public void ReadOtioz_RefusesEntriesThatEscapeTheBundle_NamingBundleAndEntry(string entry)
    {
        var bundle = _tmp.PathOf("evil.otioz");
        WriteZip(bundle, ("version.txt", Version, 0), ("content.otio", Content, 0), (entry, [1, 2, 3], 0));
        var extract = _tmp.PathOf("deep/x");

        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtioz(bundle, new OtioBundleReadOptions { ExtractDirectory = extract }));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains(bundle, e.Message, StringComparison.Ordinal);
        Assert.Contains(entry, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(extract));
        Assert.Equal(new[] { "evil.otioz" }, _tmp.Listing());
    }

    [Fact]
    public void ReadOtioz_RefusesASymlinkEntry()
    {
        var bundle = _tmp.PathOf("link.otioz");
        WriteZip(bundle, ("content.otio", Content, 0), ("media/a.mov", Encoding.ASCII.GetBytes("/etc/passwd"), 0xA1FF));
        var extract = _tmp.PathOf("x");

        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtioz(bundle, new OtioBundleReadOptions { ExtractDirectory = extract }));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("media/a.mov", e.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(extract));
    }

    [Fact]
    public void ReadOtioz_RefusesAnArchiveWithoutContent()
    {
        var bundle = _tmp.PathOf("empty.otioz");
        WriteZip(bundle, ("version.txt", Version, 0));

        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtioz(bundle));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("content.otio", e.Message, StringComparison.Ordinal);
        Assert.Contains(bundle, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOtioz_RefusesAFileThatIsNotAZip()
    {
        var bundle = _tmp.PathOf("text.otioz");
        File.WriteAllText(bundle, "not a zip at all");

        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtioz(bundle));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains(bundle, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOtioz_MissingFile_IsFileOpenFailed()
    {
        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtioz(_tmp.PathOf("nothing.otioz")));

        Assert.Equal(OtioErrorKind.FileOpenFailed, e.Kind);
    }

    [Fact]
    public void ReadOtioz_ReadsAPre019ArchiveWithoutVersionFile()
    {
        var bundle = _tmp.PathOf("old.otioz");
        WriteZip(bundle, ("content.otio", Content, 0), ("media/a.mov", [9, 9], 0));

        var read = OtioBundle.ReadOtioz(bundle);

        Assert.Equal("old bundle", ((Timeline)read).Name);
    }

    [Fact]
    public void ReadOtiod_ReadsAPre019FolderWithoutVersionFile_AndMakesUrlsAbsolute()
    {
        var bundle = _tmp.PathOf("old.otiod");
        Directory.CreateDirectory(Path.Combine(bundle, "media"));
        File.WriteAllBytes(Path.Combine(bundle, "content.otio"), Content);
        File.WriteAllBytes(Path.Combine(bundle, "media", "a.mov"), [1, 2, 3]);

        var plain = OtioBundle.ReadOtiod(bundle);
        var absolute = OtioBundle.ReadOtiod(bundle, new OtioBundleReadOptions { AbsoluteMediaReferencePaths = true });

        Assert.Equal("media/a.mov", ((ExternalReference)ClipNamed(plain, "a").MediaReference!).TargetUrl);
        var url = ((ExternalReference)ClipNamed(absolute, "a").MediaReference!).TargetUrl;
        Assert.Equal(Path.Combine(bundle, "media", "a.mov"), Path.GetFullPath(OtioBundle.FileFromUrl(url)!));
    }

    [Fact]
    public void ReadOtiod_LeavesAbsoluteAndRemoteUrlsAlone()
    {
        var bundle = _tmp.PathOf("mixed.otiod");
        Directory.CreateDirectory(bundle);
        var json = SmallContent.Replace("\"media/a.mov\"", "\"https://example.com/a.mov\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(bundle, "content.otio"), json);

        var read = OtioBundle.ReadOtiod(bundle, new OtioBundleReadOptions { AbsoluteMediaReferencePaths = true });

        Assert.Equal("https://example.com/a.mov", ((ExternalReference)ClipNamed(read, "a").MediaReference!).TargetUrl);
    }

    [Fact]
    public void ReadOtiod_RefusesAFolderWithoutContent()
    {
        var bundle = _tmp.PathOf("empty.otiod");
        Directory.CreateDirectory(bundle);
        File.WriteAllText(Path.Combine(bundle, "version.txt"), "1.0.0");

        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtiod(bundle));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("content.otio", e.Message, StringComparison.Ordinal);
        Assert.Contains(bundle, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOtiod_RefusesContentSymlinkedOutsideTheFolder()
    {
        var outside = _tmp.PathOf("outside.otio");
        File.WriteAllBytes(outside, Content);
        var bundle = _tmp.PathOf("linked.otiod");
        Directory.CreateDirectory(bundle);
        if (!TryLink(Path.Combine(bundle, "content.otio"), outside))
        {
            return;
        }

        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtiod(bundle));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("content.otio", e.Message, StringComparison.Ordinal);
        Assert.Contains(bundle, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOtiod_RefusesMediaSymlinkedOutsideTheFolder()
    {
        var outside = _tmp.Media("secret.bin");
        var bundle = _tmp.PathOf("linked.otiod");
        Directory.CreateDirectory(Path.Combine(bundle, "media", "sub"));
        File.WriteAllBytes(Path.Combine(bundle, "content.otio"), Content);
        if (!TryLink(Path.Combine(bundle, "media", "sub", "a.mov"), outside))
        {
            return;
        }

        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtiod(bundle));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("media/sub/a.mov", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOtiod_AcceptsSymlinksThatStayInsideTheFolder()
    {
        var bundle = _tmp.PathOf("inside.otiod");
        Directory.CreateDirectory(Path.Combine(bundle, "media"));
        File.WriteAllBytes(Path.Combine(bundle, "real.otio"), Content);
        File.WriteAllBytes(Path.Combine(bundle, "media", "real.mov"), [1]);
        if (!TryLink(Path.Combine(bundle, "content.otio"), "real.otio") || !TryLink(Path.Combine(bundle, "media", "a.mov"), "real.mov"))
        {
            return;
        }

        var read = OtioBundle.ReadOtiod(bundle);

        Assert.Equal("old bundle", ((Timeline)read).Name);
    }

    [Fact]
    public void ReadOtiod_RefusesAMediaFolderSymlinkedOutside()
    {
        var outsideDir = _tmp.PathOf("elsewhere");
        Directory.CreateDirectory(outsideDir);
        var bundle = _tmp.PathOf("linked.otiod");
        Directory.CreateDirectory(bundle);
        File.WriteAllBytes(Path.Combine(bundle, "content.otio"), Content);
        if (!TryLink(Path.Combine(bundle, "media"), outsideDir, directory: true))
        {
            return;
        }

        var e = Assert.Throws<OtioException>(() => OtioBundle.ReadOtiod(bundle));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("'media'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Creates a symbolic link, or returns false where the platform does not let the test do so.</summary>
    private static bool TryLink(string link, string target, bool directory = false)
    {
        try
        {
            if (directory)
            {
                Directory.CreateSymbolicLink(link, target);
            }
            else
            {
                File.CreateSymbolicLink(link, target);
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && OperatingSystem.IsWindows())
        {
            return false;
        }
    }
}
