using Editing.Otio.Bundles;

namespace Editing.Otio.Tests.Bundles;

public sealed class FileFromUrlTests
{
    [Theory]
    [InlineData("file://localhost/x", "/x")]
    [InlineData("file://LOCALHOST/media/a.mov", "/media/a.mov")]
    [InlineData("file:///x/y.mov", "/x/y.mov")]
    [InlineData("FILE:///x", "/x")]
    [InlineData("file:///C:/x", "C:/x")]
    [InlineData("file://C:/x", "C:/x")]
    [InlineData("file://host/C:/x", "C:/x")]
    [InlineData("file:///a%20b/c%C3%A9.mov", "/a b/c\u00e9.mov")]
    [InlineData("file:///a/100%25.mov", "/a/100%.mov")]
    [InlineData("file:///a/b.mov?version=2", "/a/b.mov")]
    [InlineData("file:///a/b.mov#frame=10", "/a/b.mov")]
    [InlineData("file:///a/b%3F.mov", "/a/b?.mov")]
    [InlineData("file://server/share/a.mov", "//server/share/a.mov")]
    [InlineData("file:///C:%5Cdir%5Ca.mov", "C:/dir/a.mov")]
    [InlineData("media/a.mov", "media/a.mov")]
    [InlineData("a.mov", "a.mov")]
    [InlineData("/abs/a.mov", "/abs/a.mov")]
    [InlineData("../up/a.mov", "../up/a.mov")]
    public void FileFromUrl_GivesThePath(string url, string expected)
    {
        Assert.Equal(expected, OtioBundle.FileFromUrl(url));
    }

    [Theory]
    [InlineData("https://example.com/a.mov")]
    [InlineData("http://host/a.mov")]
    [InlineData("s3://bucket/a.mov")]
    public void FileFromUrl_OtherSchemesAreNotFiles(string url)
    {
        Assert.Null(OtioBundle.FileFromUrl(url));
    }

    [Theory]
    [InlineData("/media/with space/\u00e9t\u00e9 #1?.mov")]
    [InlineData("/media/100%.mov")]
    public void FileUrlFromPath_RoundTripsThroughFileFromUrl(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var url = OtioBundle.FileUrlFromPath(path);

        Assert.StartsWith("file:///media/", url, StringComparison.Ordinal);
        Assert.DoesNotContain(' ', url);
        Assert.Equal(path, OtioBundle.FileFromUrl(url));
    }
}
