using System.Security.Cryptography;
using System.Text.Json;
using Editing.Conform.Tests.Support;

namespace Editing.Conform.Tests;

/// <summary><c>editing conform</c> through its command: exit codes, JSON, job files, and the input left untouched.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Exit_code_is_0_when_every_shot_conforms_and_the_input_is_untouched()
    {
        TestMedia.Make(_tree["media/H001C001.mov"], 48);
        var cut = new Cut();
        cut.Add("one", "/gone/H001C001.mov", "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);
        var before = SHA256.HashData(File.ReadAllBytes(input));
        var stamp = File.GetLastWriteTimeUtc(input);

        var result = CliRun.Conform(input, "--search", _tree["media"], "-o", _tree["out/cut.otio"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("relinked", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(_tree["out/cut.otio"]));
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(input)));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(input));
        Assert.Empty(Directory.GetFiles(_tree["out"], ".*"));
    }

    [Fact]
    public void Exit_code_is_5_when_some_shots_fail_and_the_rest_conform_and_json_lists_the_problems()
    {
        TestMedia.Make(_tree["media/H002C001.mov"], 48);
        var cut = new Cut();
        cut.Add("found", "/gone/H002C001.mov", "01:00:00:10", 24);
        cut.Add("lost", "/gone/H002C009.mov", "01:00:00:00", 24);
        var input = cut.Write(_tree["cut.otio"]);

        var result = CliRun.Conform(input, "--search", _tree["media"], "--handles", "4", "--json", "-o", _tree["out.otio"]);

        Assert.Equal(5, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("editing.conform/1", root.GetProperty("schema").GetString());
        Assert.Equal(5, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(4, root.GetProperty("handles").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("conformed").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("failed").GetInt32());
        var clips = root.GetProperty("clips");
        Assert.Equal("conformed", clips[0].GetProperty("status").GetString());
        Assert.Equal("file-name", clips[0].GetProperty("method").GetString());
        Assert.Equal("failed", clips[1].GetProperty("status").GetString());
        Assert.Equal("missing-media", clips[1].GetProperty("problems")[0].GetProperty("kind").GetString());
        Assert.True(File.Exists(_tree["out.otio"]));
    }

    [Fact]
    public void A_missing_timeline_is_bad_input_exit_2_naming_the_file()
    {
        Directory.CreateDirectory(_tree["media"]);
        var missing = _tree["nope.otio"];

        var result = CliRun.Conform(missing, "--search", _tree["media"], "-o", _tree["out.otio"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.otio", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_tree["out.otio"]));
    }

    [Fact]
    public void A_malformed_rules_file_is_bad_input_exit_2_naming_file_line_and_column()
    {
        Directory.CreateDirectory(_tree["media"]);
        var input = new Cut().Write(_tree["cut.otio"]);
        var rules = _tree["rules.json"];
        File.WriteAllText(rules, "{\n  \"versionPattern\": \"_v(\\\\d+\",\n}\n");

        var result = CliRun.Conform(input, "--search", _tree["media"], "--rules", rules, "-o", _tree["out.otio"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{rules}:2:21: at versionPattern: invalid regular expression", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_tree["out.otio"]));
    }

    [Fact]
    public void A_missing_search_folder_is_bad_input_exit_2()
    {
        var input = new Cut().Write(_tree["cut.otio"]);

        var result = CliRun.Conform(input, "--search", _tree["no such folder"], "-o", _tree["out.otio"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such folder: search folder does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_over_the_input_is_refused_as_usage()
    {
        Directory.CreateDirectory(_tree["media"]);
        var input = new Cut().Write(_tree["cut.otio"]);

        var result = CliRun.Conform(input, "--search", _tree["media"], "-o", input);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("input", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_file_with_timeline_options_on_the_command_line_is_refused_as_usage()
    {
        var result = CliRun.Conform("--job", _tree["jobs.json"], "--handles", "4");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--job takes", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_file_runs_every_timeline_and_exits_with_the_worst_job()
    {
        // Given two timelines: one conforms fully, one has a missing shot; paths relative to the job file
        TestMedia.Make(_tree["jobs/media/J001C001.mov"], 48);
        var good = new Cut();
        good.Add("ok", "/gone/J001C001.mov", "01:00:00:00", 24);
        good.Write(_tree["jobs/cuts/good.otio"]);
        var partial = new Cut();
        partial.Add("ok", "/gone/J001C001.mov", "01:00:00:00", 24);
        partial.Add("lost", "/gone/J001C009.mov", "01:00:00:00", 24);
        partial.Write(_tree["jobs/cuts/partial.otio"]);
        var jobFile = _tree["jobs/jobs.json"];
        File.WriteAllText(jobFile, """
            {
              "jobs": [
                { "name": "good", "timeline": "cuts/good.otio", "search": ["media"], "handles": 0, "output": "out/good.otio" },
                { "timeline": "cuts/partial.otio", "search": "media", "output": "out/partial.otio" }
              ]
            }
            """);

        var result = CliRun.Conform("--job", jobFile);

        Assert.Equal(5, result.ExitCode);
        Assert.True(File.Exists(_tree["jobs/out/good.otio"]));
        Assert.True(File.Exists(_tree["jobs/out/partial.otio"]));
        Assert.Contains("exit 0  good: 1 conformed, 0 failed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("exit 5  partial.otio: 1 conformed, 1 failed", result.Stdout, StringComparison.Ordinal);

        var json = CliRun.Conform("--job", jobFile, "--json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("editing.conform-jobs/1", doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal(5, doc.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public void A_job_whose_timeline_is_missing_is_exit_2_while_the_others_still_run()
    {
        TestMedia.Make(_tree["jobs/media/K001C001.mov"], 48);
        var good = new Cut();
        good.Add("ok", "/gone/K001C001.mov", "01:00:00:00", 24);
        good.Write(_tree["jobs/good.otio"]);
        var jobFile = _tree["jobs/jobs.json"];
        File.WriteAllText(jobFile, """
            [
              { "timeline": "missing.otio", "search": ["media"], "output": "out/missing.otio" },
              { "timeline": "good.otio", "search": ["media"], "output": "out/good.otio" }
            ]
            """);

        var result = CliRun.Conform("--job", jobFile);

        Assert.Equal(2, result.ExitCode);
        Assert.True(File.Exists(_tree["jobs/out/good.otio"]));
        Assert.Contains("missing.otio", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_job_file_is_exit_2_naming_the_job_and_key()
    {
        var jobFile = _tree["jobs.json"];
        File.WriteAllText(jobFile, """
            [
              { "timeline": "a.otio", "search": ["media"], "output": "a.out.otio", "handles": -3 }
            ]
            """);

        var result = CliRun.Conform("--job", jobFile);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{jobFile}:2:83: at [0].handles:", result.Stderr, StringComparison.Ordinal);
    }
}
