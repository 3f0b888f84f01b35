using System.Text.Json;

namespace Editing.Cli.Tests;

/// <summary><c>--target resolve</c> on <c>apply</c> and <c>convert</c>: what DaVinci Resolve's importer takes.</summary>
public sealed class ResolveTargetTests : IDisposable
{
    private readonly DirectoryInfo _dir = EditingProcess.TempDir();

    public void Dispose() => _dir.Delete(recursive: true);

    private static IEnumerable<JsonElement> Clips(JsonDocument doc) =>
        doc.RootElement.GetProperty("tracks").GetProperty("children").EnumerateArray()
            .SelectMany(t => t.GetProperty("children").EnumerateArray())
            .Where(c => c.GetProperty("OTIO_SCHEMA").GetString()!.StartsWith("Clip.", StringComparison.Ordinal));

    [Fact]
    public void Apply_for_resolve_keeps_one_active_reference_per_clip_with_an_absolute_path()
    {
        var cut = TestCut.Create(_dir.FullName);
        var output = Path.Combine(_dir.FullName, "for-resolve.otio");

        var r = EditingProcess.Run("apply", cut, "--tool", "editing.variations", "--select", "sh010", "--param", "count=2", "--target", "resolve", "-o", output);

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        foreach (var clip in Clips(doc))
        {
            Assert.Equal("DEFAULT_MEDIA", clip.GetProperty("active_media_reference_key").GetString());
            var references = clip.GetProperty("media_references").EnumerateObject().ToList();
            Assert.Single(references);
            var url = references[0].Value.GetProperty("target_url").GetString()!;
            Assert.True(Path.IsPathRooted(url), url);
            Assert.True(File.Exists(url), url);
        }

        // sh010's active media is the first variation.
        var sh010 = Clips(doc).First(c => c.GetProperty("name").GetString() == "sh010");
        Assert.Contains("for-resolve.media", sh010.GetProperty("media_references").GetProperty("DEFAULT_MEDIA").GetProperty("target_url").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_for_resolve_makes_media_paths_absolute_from_the_input_folder_and_an_unknown_target_is_usage()
    {
        var cut = TestCut.Create(_dir.FullName);
        var output = Path.Combine(_dir.FullName, "out", "for-resolve.otio");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        var r = EditingProcess.Run("convert", cut, output, "--target", "resolve");
        var bad = EditingProcess.Run("convert", cut, output + ".x.otio", "--target", "avid-mc");

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        Assert.All(Clips(doc), c => Assert.Equal(Path.Combine(_dir.FullName, "media"),
            Path.GetDirectoryName(c.GetProperty("media_references").GetProperty("DEFAULT_MEDIA").GetProperty("target_url").GetString())));
        Assert.Equal(1, bad.ExitCode);
    }
}
