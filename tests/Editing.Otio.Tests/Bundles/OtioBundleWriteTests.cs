using System.Text;
using Editing.Otio.Bundles;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;
using static Editing.Otio.Tests.Bundles.BundleTestSupport;

namespace Editing.Otio.Tests.Bundles;

public sealed class OtioBundleWriteTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>
    /// A clip with two references (an absolute file URL and a relative path), a clip with an image sequence, and a
    /// clip whose reference is already missing.
    /// </summary>
    private (Timeline Timeline, string A, string B, string[] Frames) Fixture()
    {
        var a = _tmp.Media("src/one/shot_a.mov", 300);
        var b = _tmp.Media("src/two/proxy b.mov", 50);
        var frames = new[]
        {
            _tmp.Media("src/seq/plate.1001.exr", 10),
            _tmp.Media("src/seq/plate.1003.exr", 11),
            _tmp.Media("src/seq/plate.1005.exr", 12),
        };

        var clipA = new Clip("shot A", new ExternalReference(OtioBundle.FileUrlFromPath(a), Range(0, 48)), Range(0, 24));
        clipA.AddMediaReference("proxy", new ExternalReference("two/proxy b.mov") { Name = "proxy ref" });
        var seq = new ImageSequenceReference
        {
            TargetUrlBase = OtioBundle.FileUrlFromPath(_tmp.PathOf("src/seq")),
            NamePrefix = "plate.",
            NameSuffix = ".exr",
            StartFrame = 1001,
            FrameStep = 2,
            Rate = 24,
            FrameZeroPadding = 4,
            AvailableRange = Range(0, 6),
        };
        var clipSeq = new Clip("plate", seq, Range(0, 6));
        var clipMissing = new Clip("offline", new MissingReference { Name = "gone" }, Range(0, 10));
        return (OneTrack(clipA, clipSeq, clipMissing), a, b, frames);
    }

    private OtioBundleWriteOptions RelativeToSrc => new() { RelativeMediaBaseDir = _tmp.PathOf("src") };

    [Fact]
    public void WriteOtioz_CopiesEveryMediaReferenceOfEveryClipAndRewritesUrls()
    {
        var (timeline, a, b, frames) = Fixture();
        var before = OtioJson.WriteString(timeline);
        var bundle = _tmp.PathOf("out.otioz");

        OtioBundle.WriteOtioz(timeline, bundle, RelativeToSrc);

        Assert.Equal(before, OtioJson.WriteString(timeline)); // the input is not changed
        var content = OtioJson.ReadBytes(ReadEntry(bundle, "content.otio"));
        var clipA = ClipNamed(content, "shot A");
        Assert.Equal("media/shot_a.mov", ((ExternalReference)clipA.MediaReferences["DEFAULT_MEDIA"]).TargetUrl);
        Assert.Equal("media/proxy b.mov", ((ExternalReference)clipA.MediaReferences["proxy"]).TargetUrl);
        Assert.Equal("proxy ref", clipA.MediaReferences["proxy"].Name);
        var seq = (ImageSequenceReference)ClipNamed(content, "plate").MediaReference!;
        Assert.Equal("media/", seq.TargetUrlBase);
        Assert.Equal("plate.", seq.NamePrefix);
        Assert.IsType<MissingReference>(ClipNamed(content, "offline").MediaReference);

        Assert.Equal(File.ReadAllBytes(a), ReadEntry(bundle, "media/shot_a.mov"));
        Assert.Equal(File.ReadAllBytes(b), ReadEntry(bundle, "media/proxy b.mov"));
        foreach (var f in frames)
        {
            Assert.Equal(File.ReadAllBytes(f), ReadEntry(bundle, "media/" + Path.GetFileName(f)));
        }
    }

    [Fact]
    public void WriteOtioz_PutsVersionThenContentThenMediaSortedBySourcePath_WithReferenceCompression()
    {
        var (timeline, a, b, frames) = Fixture();
        var bundle = _tmp.PathOf("out.otioz");

        OtioBundle.WriteOtioz(timeline, bundle, RelativeToSrc);

        var entries = RawEntries(bundle);
        var media = new[] { a, b }.Concat(frames).OrderBy(p => p, StringComparer.Ordinal).Select(p => "media/" + Path.GetFileName(p));
        Assert.Equal(new[] { "version.txt", "content.otio" }.Concat(media), entries.Select(e => e.Name));
        Assert.Equal(8, entries[0].Method); // deflated
        Assert.Equal(8, entries[1].Method); // deflated
        Assert.All(entries.Skip(2), e => Assert.Equal(0, e.Method)); // stored
        Assert.Equal("1.0.0", Encoding.ASCII.GetString(ReadEntry(bundle, "version.txt")));
    }

    [Fact]
    public void WriteOtioz_WritesContentWithTheNormalWriterAtIndentFour()
    {
        var (timeline, _, _, _) = Fixture();
        var bundle = _tmp.PathOf("out.otioz");

        OtioBundle.WriteOtioz(timeline, bundle, RelativeToSrc);

        var text = Encoding.UTF8.GetString(ReadEntry(bundle, "content.otio"));
        Assert.StartsWith("{\n    \"OTIO_SCHEMA\": \"Timeline.1\"", text, StringComparison.Ordinal);
        Assert.Equal(text, OtioJson.WriteString(OtioJson.ReadString(text)));
    }

    [Fact]
    public void WriteOtiod_WritesVersionContentAndMediaFolder()
    {
        var (timeline, a, b, frames) = Fixture();
        var bundle = _tmp.PathOf("out.otiod");

        OtioBundle.WriteOtiod(timeline, bundle, RelativeToSrc);

        Assert.Equal("1.0.0", File.ReadAllText(Path.Combine(bundle, "version.txt")));
        var names = Directory.GetFiles(Path.Combine(bundle, "media")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { a, b }.Concat(frames).Select(Path.GetFileName).Order(StringComparer.Ordinal), names);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(Path.Combine(bundle, "media", "shot_a.mov")));
        var content = OtioJson.ReadFile(Path.Combine(bundle, "content.otio"));
        var clipA = ClipNamed(content, "shot A");
        Assert.Equal("media/shot_a.mov", ((ExternalReference)clipA.MediaReferences["DEFAULT_MEDIA"]).TargetUrl);
        Assert.Equal("media/proxy b.mov", ((ExternalReference)clipA.MediaReferences["proxy"]).TargetUrl);
        Assert.DoesNotContain(_tmp.Listing(), p => p.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteOtiod_ThenReadWithAbsolutePaths_GivesFileUrlsIntoTheBundle()
    {
        var (timeline, _, _, frames) = Fixture();
        var bundle = _tmp.PathOf("out.otiod");
        OtioBundle.WriteOtiod(timeline, bundle, RelativeToSrc);

        var read = OtioBundle.ReadOtiod(bundle, new OtioBundleReadOptions { AbsoluteMediaReferencePaths = true });

        var clipA = ClipNamed(read, "shot A");
        foreach (var reference in clipA.MediaReferences.Values.Cast<ExternalReference>())
        {
            Assert.StartsWith("file://", reference.TargetUrl, StringComparison.Ordinal);
            var path = OtioBundle.FileFromUrl(reference.TargetUrl)!;
            Assert.True(File.Exists(path), path);
            Assert.Equal(Path.Combine(bundle, "media"), Path.GetDirectoryName(Path.GetFullPath(path)));
        }
        var seq = (ImageSequenceReference)ClipNamed(read, "plate").MediaReference!;
        Assert.EndsWith("/media/", seq.TargetUrlBase, StringComparison.Ordinal);
        var firstFrame = OtioBundle.FileFromUrl(seq.TargetUrlBase + seq.NamePrefix + "1001" + seq.NameSuffix)!;
        Assert.Equal(File.ReadAllBytes(frames[0]), File.ReadAllBytes(firstFrame));
    }

    [Fact]
    public void WriteOtioz_RefusesAnHttpsReferenceByDefault_NamingClipAndUrl()
    {
        var clip = new Clip("web clip", new ExternalReference("https://example.com/a.mov"), Range(0, 10));
        var bundle = _tmp.PathOf("out.otioz");

        var e = Assert.Throws<OtioException>(() => OtioBundle.WriteOtioz(OneTrack(clip), bundle));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("web clip", e.Message, StringComparison.Ordinal);
        Assert.Contains("https://example.com/a.mov", e.Message, StringComparison.Ordinal);
        Assert.Contains(bundle, e.Message, StringComparison.Ordinal);
        Assert.Empty(_tmp.Listing());
    }

    [Fact]
    public void WriteOtioz_MissingIfNotFile_ReplacesNonFilesKeepingNameAndMetadata()
    {
        var local = _tmp.Media("src/local.mov");
        var web = new ExternalReference("https://example.com/a.mov", Range(0, 10)) { Name = "web ref" };
        web.Metadata["vendor"] = "x";
        var clip = new Clip("mixed", new ExternalReference(local), Range(0, 10));
        clip.AddMediaReference("web", web);
        var generator = new Clip("bars", new GeneratorReference { Name = "smpte bars", GeneratorKind = "SMPTEBars" }, Range(0, 10));
        var bundle = _tmp.PathOf("out.otioz");

        OtioBundle.WriteOtioz(OneTrack(clip, generator), bundle, new OtioBundleWriteOptions { MediaPolicy = OtioBundleMediaPolicy.MissingIfNotFile });

        var content = OtioJson.ReadBytes(ReadEntry(bundle, "content.otio"));
        var read = ClipNamed(content, "mixed");
        Assert.Equal("media/local.mov", ((ExternalReference)read.MediaReferences["DEFAULT_MEDIA"]).TargetUrl);
        var missing = Assert.IsType<MissingReference>(read.MediaReferences["web"]);
        Assert.Equal("web ref", missing.Name);
        Assert.Equal("x", missing.Metadata["vendor"]);
        Assert.Equal("https://example.com/a.mov", missing.Metadata["original_target_url"]);
        Assert.IsType<string>(missing.Metadata["missing_reference_because"]);
        var bars = Assert.IsType<MissingReference>(ClipNamed(content, "bars").MediaReference);
        Assert.Equal("smpte bars", bars.Name);
        Assert.True(bars.Metadata.ContainsKey("missing_reference_because"));
        Assert.Equal(new[] { "version.txt", "content.otio", "media/local.mov" }, RawEntries(bundle).Select(e => e.Name));
    }

    [Fact]
    public void WriteOtioz_MissingIfNotFile_ReplacesAReferenceWhoseFileDoesNotExist()
    {
        var clip = new Clip("lost", new ExternalReference(OtioBundle.FileUrlFromPath(_tmp.PathOf("nowhere/lost.mov"))), Range(0, 10));
        var bundle = _tmp.PathOf("out.otioz");

        OtioBundle.WriteOtioz(OneTrack(clip), bundle, new OtioBundleWriteOptions { MediaPolicy = OtioBundleMediaPolicy.MissingIfNotFile });

        var missing = Assert.IsType<MissingReference>(ClipNamed(OtioJson.ReadBytes(ReadEntry(bundle, "content.otio")), "lost").MediaReference);
        Assert.True(missing.Metadata.ContainsKey("missing_reference_because"));
        Assert.EndsWith("lost.mov", (string)missing.Metadata["original_target_url"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteOtioz_AllMissing_ReplacesEveryReferenceAndCopiesNoMedia()
    {
        var (timeline, a, _, _) = Fixture();
        var bundle = _tmp.PathOf("out.otioz");

        OtioBundle.WriteOtioz(timeline, bundle, RelativeToSrc with { MediaPolicy = OtioBundleMediaPolicy.AllMissing });

        Assert.Equal(new[] { "version.txt", "content.otio" }, RawEntries(bundle).Select(e => e.Name));
        var content = OtioJson.ReadBytes(ReadEntry(bundle, "content.otio"));
        var clipA = ClipNamed(content, "shot A");
        Assert.All(clipA.MediaReferences.Values, r => Assert.IsType<MissingReference>(r));
        var main = clipA.MediaReferences["DEFAULT_MEDIA"];
        Assert.Equal(OtioBundle.FileUrlFromPath(a), main.Metadata["original_target_url"]);
        Assert.Equal("'all_missing' specified as the MediaReferencePolicy", main.Metadata["missing_reference_because"]);
        Assert.Equal("proxy ref", clipA.MediaReferences["proxy"].Name);
        Assert.IsType<MissingReference>(ClipNamed(content, "plate").MediaReference);
        Assert.Equal("gone", ClipNamed(content, "offline").MediaReference!.Name);
        Assert.False(ClipNamed(content, "offline").MediaReference!.Metadata.ContainsKey("missing_reference_because"));
    }

    [Fact]
    public void WriteOtioz_RefusesTwoFilesWithTheSameNameIgnoringCase_AndLeavesNothing()
    {
        var one = _tmp.Media("src/one/shot.mov");
        var two = _tmp.Media("src/two/SHOT.mov");
        var timeline = OneTrack(
            new Clip("first", new ExternalReference(OtioBundle.FileUrlFromPath(one)), Range(0, 10)),
            new Clip("second", new ExternalReference(OtioBundle.FileUrlFromPath(two)), Range(0, 10)));
        var before = _tmp.Listing();

        var e = Assert.Throws<OtioException>(() => OtioBundle.WriteOtioz(timeline, _tmp.PathOf("out.otioz")));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("second", e.Message, StringComparison.Ordinal);
        Assert.Contains("SHOT.mov", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, _tmp.Listing());
    }

    [Fact]
    public void WriteOtiod_SameFileReferencedTwice_IsCopiedOnce()
    {
        var one = _tmp.Media("src/shot.mov");
        var url = OtioBundle.FileUrlFromPath(one);
        var timeline = OneTrack(
            new Clip("first", new ExternalReference(url), Range(0, 10)),
            new Clip("second", new ExternalReference(url), Range(10, 10)));
        var bundle = _tmp.PathOf("out.otiod");

        OtioBundle.WriteOtiod(timeline, bundle);

        Assert.Equal(new[] { "shot.mov" }, Directory.GetFiles(Path.Combine(bundle, "media")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(".otioz", false)]
    [InlineData(".otioz", true)]
    [InlineData(".otiod", false)]
    [InlineData(".otiod", true)]
    public void Write_RefusesAnExistingOutput(string extension, bool existingIsFolder)
    {
        var bundle = _tmp.PathOf("out" + extension);
        if (existingIsFolder)
        {
            Directory.CreateDirectory(bundle);
        }
        else
        {
            File.WriteAllText(bundle, "keep me");
        }
        var timeline = OneTrack(new Clip("c", new MissingReference(), Range(0, 1)));

        var e = Assert.Throws<OtioException>(() =>
        {
            if (extension == ".otioz")
            {
                OtioBundle.WriteOtioz(timeline, bundle);
            }
            else
            {
                OtioBundle.WriteOtiod(timeline, bundle);
            }
        });

        Assert.Equal(OtioErrorKind.FileWriteFailed, e.Kind);
        Assert.Contains(bundle, e.Message, StringComparison.Ordinal);
        if (!existingIsFolder)
        {
            Assert.Equal("keep me", File.ReadAllText(bundle));
        }
    }

    [Theory]
    [InlineData(".otioz")]
    [InlineData(".otiod")]
    public void Write_RefusesAMissingMediaFile_NamingClipAndPath_AndLeavesNothing(string extension)
    {
        var present = _tmp.Media("src/present.mov");
        var absent = _tmp.PathOf("src/absent.mov");
        var timeline = OneTrack(
            new Clip("ok", new ExternalReference(OtioBundle.FileUrlFromPath(present)), Range(0, 10)),
            new Clip("broken", new ExternalReference(OtioBundle.FileUrlFromPath(absent)), Range(0, 10)));
        var bundle = _tmp.PathOf("out" + extension);
        var before = _tmp.Listing();

        var e = Assert.Throws<OtioException>(() =>
        {
            if (extension == ".otioz")
            {
                OtioBundle.WriteOtioz(timeline, bundle);
            }
            else
            {
                OtioBundle.WriteOtiod(timeline, bundle);
            }
        });

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("broken", e.Message, StringComparison.Ordinal);
        Assert.Contains(absent, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, _tmp.Listing());
    }

    [Fact]
    public void Write_ResolvesRelativePathsAgainstTheBaseDirOption()
    {
        _tmp.Media("base/clips/rel.mov", 20);
        var timeline = OneTrack(new Clip("rel", new ExternalReference("clips/rel.mov"), Range(0, 10)));
        var bundle = _tmp.PathOf("out.otioz");

        OtioBundle.WriteOtioz(timeline, bundle, new OtioBundleWriteOptions { RelativeMediaBaseDir = _tmp.PathOf("base") });

        Assert.Equal(File.ReadAllBytes(_tmp.PathOf("base/clips/rel.mov")), ReadEntry(bundle, "media/rel.mov"));
    }

    [Fact]
    public void Write_ImageSequenceWithoutAvailableRange_IsNotAFile()
    {
        var seq = new ImageSequenceReference { TargetUrlBase = OtioBundle.FileUrlFromPath(_tmp.Root), NamePrefix = "f.", NameSuffix = ".exr", Rate = 24 };
        var timeline = OneTrack(new Clip("seq", seq, Range(0, 10)));

        var e = Assert.Throws<OtioException>(() => OtioBundle.WriteOtioz(timeline, _tmp.PathOf("out.otioz")));

        Assert.Equal(OtioErrorKind.BundleError, e.Kind);
        Assert.Contains("seq", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ImageSequenceWithNegativeFrames_BundlesSignedPaddedNames()
    {
        _tmp.Media("seq/f.-0002.exr", 3);
        _tmp.Media("seq/f.-0001.exr", 3);
        _tmp.Media("seq/f.0000.exr", 3);
        var seq = new ImageSequenceReference
        {
            TargetUrlBase = OtioBundle.FileUrlFromPath(_tmp.PathOf("seq")),
            NamePrefix = "f.",
            NameSuffix = ".exr",
            StartFrame = -2,
            Rate = 24,
            FrameZeroPadding = 4,
            AvailableRange = Range(0, 3),
        };
        var bundle = _tmp.PathOf("out.otiod");

        OtioBundle.WriteOtiod(OneTrack(new Clip("seq", seq, Range(0, 3))), bundle);

        Assert.Equal(
            new[] { "f.-0001.exr", "f.-0002.exr", "f.0000.exr" },
            Directory.GetFiles(Path.Combine(bundle, "media")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_AcceptsAnOtioCollectionRoot()
    {
        var media = _tmp.Media("m/in collection.mov");
        var collection = new SerializableCollection { Name = "bin" };
        collection.Children.Add(OneTrack(new Clip("c", new ExternalReference(OtioBundle.FileUrlFromPath(media)), Range(0, 1))));
        var bundle = _tmp.PathOf("out.otioz");

        OtioBundle.WriteOtioz(collection, bundle);

        var read = OtioBundle.ReadOtioz(bundle);
        var clip = ClipNamed(((SerializableCollection)read).Children[0], "c");
        Assert.Equal("media/in collection.mov", ((ExternalReference)clip.MediaReference!).TargetUrl);
    }

    [Fact]
    public void Write_HonoursTheJsonWriteOptions()
    {
        var timeline = OneTrack(new Clip("c", new MissingReference(), Range(0, 1)));
        var bundle = _tmp.PathOf("out.otioz");

        OtioBundle.WriteOtioz(timeline, bundle, new OtioBundleWriteOptions { WriteOptions = new OtioWriteOptions { Indent = 0 } });

        Assert.Equal(OtioJson.WriteBytes(timeline, new OtioWriteOptions { Indent = 0 }), ReadEntry(bundle, "content.otio"));
    }

    [Fact]
    public void RoundTrip_KeepsTimesAndNames()
    {
        var (timeline, _, _, _) = Fixture();
        var bundle = _tmp.PathOf("out.otioz");
        OtioBundle.WriteOtioz(timeline, bundle, RelativeToSrc);

        var read = (Timeline)OtioBundle.ReadOtioz(bundle);

        Assert.Equal("bundle test", read.Name);
        var clipA = ClipNamed(read, "shot A");
        Assert.Equal(Range(0, 24), clipA.SourceRange);
        Assert.Equal(Range(0, 48), clipA.MediaReference!.AvailableRange);
        Assert.Equal("DEFAULT_MEDIA", clipA.ActiveMediaReferenceKey);
        Assert.Equal(new RationalTime(0, 24), ClipNamed(read, "plate").SourceRange!.Value.StartTime);
    }
}
