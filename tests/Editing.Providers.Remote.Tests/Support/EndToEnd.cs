using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Providers.Remote.Tests.Support;

/// <summary>
/// <c>editing apply</c> with a remote provider against its fake server, configured only through the environment (the
/// settings as <c>EDITING_PROVIDER__…</c>, the key in the vendor's documented variable), checked with ffprobe and
/// searched for the key everywhere: stdout, stderr, the written timeline, the media folder and provenance sidecars.
/// </summary>
public sealed class EndToEnd : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("editing-remote-e2e-");

    public string Dir => _dir.FullName;

    /// <summary>More environment variables for the run.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Extends sh010's tail by 24 frames with <paramref name="model"/>; returns the CLI result.</summary>
    public Cli.Result Extend(string providerId, string model, string keyVariable, string key, string baseUrl, params string[] extra) =>
        Apply(providerId, model, keyVariable, key, baseUrl, ["--tool", "editing.extend", "--select", "sh010", "--param", "side=tail", "--param", "duration=24", .. extra]);

    /// <summary>Fills the 12-frame gap with <paramref name="model"/>.</summary>
    public Cli.Result Fill(string providerId, string model, string keyVariable, string key, string baseUrl, params string[] extra) =>
        Apply(providerId, model, keyVariable, key, baseUrl, ["--tool", "editing.fill", "--select", "gaps", "--param", "prompt=a slow push in", .. extra]);

    /// <summary>The written timeline.</summary>
    public string Output => Path.Combine(Dir, "cut.edited.otio");

    private Cli.Result Apply(string providerId, string model, string keyVariable, string key, string baseUrl, string[] toolArgs)
    {
        var cut = Cut.Create(Dir);
        var environment = Cli.FastEnvironment(providerId, baseUrl);
        environment[keyVariable] = key;
        foreach (var (k, v) in Environment)
        {
            environment[k] = v;
        }
        return Cli.Run(Dir, environment, ["apply", cut, .. toolArgs, "--provider", providerId, "--model", model, "-o", Output]);
    }

    /// <summary>
    /// Checks the run succeeded and the new clip's media is conformed exactly: 320×180, 24000/1001, and
    /// <paramref name="frames"/> frames; a provenance sidecar names the provider and model.
    /// </summary>
    public void AssertConformed(Cli.Result result, string clipName, long frames, string providerId, string model)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var (width, height, rate, count) = Cli.ProbeClip(Output, clipName, out var media);
        Assert.Equal((320, 180, "24000/1001", frames), (width, height, rate, count));
        var timeline = OtioJson.ReadFile<Timeline>(Output);
        var clip = timeline.Tracks!.Children.OfType<Track>().SelectMany(t => t.Children).OfType<Clip>().Single(c => c.Name == clipName);
        Assert.Equal(frames, Cli.Frames(clip.TrimmedRange().Duration));
        var provenance = File.ReadAllText(media + ".provenance.json");
        Assert.Contains(providerId, provenance, StringComparison.Ordinal);
        Assert.Contains(model, provenance, StringComparison.Ordinal);
    }

    /// <summary>The name of the clip that replaced the gap (checks there is one, and no gap is left).</summary>
    public string AssertFillClip(Cli.Result result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var track = OtioJson.ReadFile<Timeline>(Output).Tracks!.Children.OfType<Track>().First();
        Assert.DoesNotContain(track.Children, c => c is Gap);
        Assert.Equal(4, track.Children.Count);
        return track.Children[2].Name;
    }

    /// <summary>Fails when the key appears in the CLI's output or any file the run left.</summary>
    public void AssertNoSecret(string key, Cli.Result result)
    {
        Assert.DoesNotContain(key, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(key, result.Stderr, StringComparison.Ordinal);
        Secrets.AssertNotInFolder(key, Dir);
    }

    public void Dispose()
    {
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
