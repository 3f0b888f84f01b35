namespace Editing.Media.Tests;

public sealed class MediaToolsTests
{
    [Fact]
    public void Locate_names_the_variable_when_it_points_at_a_missing_file()
    {
        var env = new Dictionary<string, string?> { ["EDITING_FFMPEG"] = "/nowhere/ffmpeg", ["PATH"] = "/usr/bin" };

        var error = Assert.Throws<MediaException>(() => MediaTools.Locate(name => env.GetValueOrDefault(name)));

        Assert.Equal(MediaErrorKind.ToolMissing, error.Kind);
        Assert.Contains("EDITING_FFMPEG", error.Message);
        Assert.Contains("/nowhere/ffmpeg", error.Message);
    }

    [Fact]
    public void Locate_says_how_to_install_when_nothing_is_on_PATH()
    {
        var error = Assert.Throws<MediaException>(() => MediaTools.Locate(name => name == "PATH" ? "/nonexistent-dir" : null));

        Assert.Equal(MediaErrorKind.ToolMissing, error.Kind);
        Assert.Contains("apt-get install ffmpeg", error.Message);
    }

    [Fact]
    public void Locate_prefers_the_environment_variable_over_PATH()
    {
        var real = MediaTools.Shared;
        var env = new Dictionary<string, string?> { ["EDITING_FFMPEG"] = real.FfmpegPath, ["EDITING_FFPROBE"] = real.FfprobePath, ["PATH"] = "/nonexistent-dir" };

        var tools = MediaTools.Locate(name => env.GetValueOrDefault(name));

        Assert.Equal(real.FfmpegPath, tools.FfmpegPath);
        Assert.Equal(real.FfprobePath, tools.FfprobePath);
    }

    [Fact]
    public async Task Version_is_reported()
    {
        var version = await MediaTools.Shared.GetVersionAsync();

        Assert.False(string.IsNullOrWhiteSpace(version));
        Assert.True(char.IsDigit(version[0]) || version.StartsWith('n') || version.StartsWith("N-", StringComparison.Ordinal), version);
    }
}
