namespace Editing.Native.Tests;

/// <summary>
/// The DaVinci Resolve scripts (plugins/resolve) against stand-in Resolve APIs that record every call, with the real
/// editing program on a small cut made by ffmpeg.
/// </summary>
public sealed class ResolveScriptTests
{
    private static Dictionary<string, string> Environment() => new() { ["EDITING_CLI"] = Programs.Cli, ["PYTHONDONTWRITEBYTECODE"] = "1" };

    [Fact]
    public void Python_script_exports_applies_and_imports_through_the_stand_in_module()
    {
        var python = Programs.Require("python3", "python3");
        Programs.Require("ffmpeg", "ffmpeg");

        var run = Programs.Run(python, ["-m", "unittest", "discover", "-v", Path.Combine(Programs.RepositoryRoot, "plugins", "resolve", "tests")],
            environment: Environment());

        run.Succeeds("python3 -m unittest discover plugins/resolve/tests");
        Assert.Matches(@"test_extend_clip_under_playhead_exports_applies_and_imports \(.*\) \.\.\. ok", run.Output);
        Assert.DoesNotContain("skipped", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Lua_script_exports_applies_and_imports_under_luajit_with_the_stand_in_api()
    {
        var luajit = Programs.Require("luajit", "luajit");
        Programs.Require("ffmpeg", "ffmpeg");
        var resolve = Path.Combine(Programs.RepositoryRoot, "plugins", "resolve");

        var run = Programs.Run(luajit, [Path.Combine(resolve, "tests", "test_editing.lua")], workingDirectory: resolve,
            environment: Environment());

        run.Succeeds("luajit plugins/resolve/tests/test_editing.lua");
        Assert.Matches(@"[1-9][0-9]* passed, 0 failed", run.Output);
    }
}
