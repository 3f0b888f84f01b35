using System.Text.Json;

namespace Editing.Cli.Tests;

/// <summary>The result cache end to end: a second identical apply makes no provider call and delivers the same bytes,
/// across timelines and processes; any change to what decides the output misses.</summary>
public sealed class CacheTests : IDisposable
{
    private readonly DirectoryInfo _dir = EditingProcess.TempDir();

    public void Dispose() => _dir.Delete(recursive: true);

    private string Temp(string name) => Path.Combine(_dir.FullName, name);

    private Dictionary<string, string> CacheEnv => new() { ["EDITING_CACHE_DIR"] = Temp("cache") };

    private JsonElement Apply(string cut, string output, params string[] extra)
    {
        var r = EditingProcess.Run(CacheEnv, ["apply", cut, "--json", "-o", output, .. extra]);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.Clone();
    }

    private static string[] Extend => ["--tool", "editing.extend", "--select", "sh010", "--select", "sh020", "--param", "side=tail", "--param", "duration=12"];

    private static List<string> MediaHashes(JsonElement report) =>
        report.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("media").EnumerateArray())
            .Select(m => TestCut.Sha256(m.GetProperty("path").GetString()!)).ToList();

    [Fact]
    public void A_second_identical_apply_makes_no_provider_call_and_delivers_the_same_media()
    {
        var cut = TestCut.Create(_dir.FullName);

        var first = Apply(cut, Temp("first.otio"), Extend);
        var second = Apply(cut, Temp("second.otio"), Extend);

        Assert.Equal(2, first.GetProperty("provider_calls").GetInt32());
        Assert.Equal(0, first.GetProperty("cache_hits").GetInt32());
        Assert.Equal(0, second.GetProperty("provider_calls").GetInt32());
        Assert.Equal(2, second.GetProperty("cache_hits").GetInt32());
        Assert.Equal(MediaHashes(first), MediaHashes(second));
        // The reused media have their own provenance records, which still verify.
        var verify = EditingProcess.Run("verify", Temp("second.otio"));
        Assert.True(verify.ExitCode == 0, verify.Stderr + verify.Stdout);
        var record = JsonDocument.Parse(File.ReadAllText(second.GetProperty("items")[0].GetProperty("media")[0].GetProperty("provenance").GetString()!));
        Assert.True(record.RootElement.TryGetProperty("reused", out var reused));
        Assert.Equal(64, reused.GetProperty("cache_key").GetString()!.Length);
        // The same timeline from both runs, but for the media folder's name.
        Assert.Equal(File.ReadAllText(Temp("first.otio")).Replace("first.media", "X", StringComparison.Ordinal),
            File.ReadAllText(Temp("second.otio")).Replace("second.media", "X", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_shot_in_another_timeline_reuses_the_result()
    {
        var cut = TestCut.Create(_dir.FullName);
        Apply(cut, Temp("first.otio"), Extend);
        var other = Temp("other cut.otio");
        File.WriteAllText(other, File.ReadAllText(cut).Replace("\"test cut\"", "\"another timeline\"", StringComparison.Ordinal));

        var second = Apply(other, Temp("other.edited.otio"), Extend);

        Assert.Equal(0, second.GetProperty("provider_calls").GetInt32());
    }

    [Fact]
    public void A_different_seed_or_changed_source_media_or_no_cache_calls_the_provider_again()
    {
        var cut = TestCut.Create(_dir.FullName);
        // sh010 and sh030 do not neighbour each other (the gap and sh020 lie between), so neither depends on the other's media.
        string[] extend = ["--tool", "editing.extend", "--select", "sh010", "--select", "sh030", "--param", "side=tail", "--param", "duration=12"];
        Apply(cut, Temp("a.otio"), extend);

        var seed = Apply(cut, Temp("b.otio"), [.. extend, "--param", "seed=99"]);
        var noCache = Apply(cut, Temp("c.otio"), [.. extend, "--no-cache"]);
        TestCut.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24000/1001", "-frames:v", "48", "-c:v", "prores_ks", "-timecode", "03:00:00:00", Temp("media/A003C007.mov"));
        var changed = Apply(cut, Temp("d.otio"), extend);

        Assert.Equal(2, seed.GetProperty("provider_calls").GetInt32());
        Assert.Equal(2, noCache.GetProperty("provider_calls").GetInt32());
        // sh030's media changed; sh010's did not.
        Assert.Equal(1, changed.GetProperty("provider_calls").GetInt32());
        Assert.Equal(1, changed.GetProperty("cache_hits").GetInt32());
    }

    [Fact]
    public void Two_processes_applying_at_once_share_the_cache_safely()
    {
        var cut = TestCut.Create(_dir.FullName);

        var runs = new[] { "x.otio", "y.otio" }.AsParallel().Select(o => EditingProcess.Run(CacheEnv, ["apply", cut, "-o", Temp(o), .. Extend])).ToList();

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
        var third = Apply(cut, Temp("z.otio"), Extend);
        Assert.Equal(0, third.GetProperty("provider_calls").GetInt32());
        var entries = Directory.GetDirectories(Path.Combine(Temp("cache"), "v1", "entries"), "*", SearchOption.TopDirectoryOnly).SelectMany(Directory.GetDirectories).ToList();
        Assert.Equal(2, entries.Count);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.Combine(Temp("cache"), "v1", "tmp")), e => !Path.GetFileName(e).StartsWith("evict", StringComparison.Ordinal));
    }
}
