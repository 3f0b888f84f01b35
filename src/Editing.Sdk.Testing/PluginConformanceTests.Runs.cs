using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Editing.Host.Plugins;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Xunit;

namespace Editing.Sdk.Testing;

// What a plugin does when it runs in its worker: outputs, cancellation, determinism, a clean protocol stream.
public abstract partial class PluginConformanceTests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RunReport>>> Reports = new(StringComparer.Ordinal);

    /// <summary>
    /// Every tool runs on its conformance clip through the worker: the request validates without errors, and the
    /// result's outputs have unique ids, exist in the call's scratch folder and hold video, and its edits refer to them.
    /// Every local provider generates a small clip whose file holds the frames it reports.
    /// </summary>
    [Fact]
    public async Task Tools_and_providers_run_and_their_outputs_exist()
    {
        var report = await RunReportAsync();
        AssertNoProblems(report.Targets.SelectMany(t => t.Problems).ToList(), $"plugin {report.PluginId}");
    }

    /// <summary>
    /// A run cancelled once it is under way (at its first progress report, or 500 ms after it started, its worker
    /// already running) ends with
    /// <see cref="OperationCanceledException"/> (or a <see cref="PluginCallException"/>) within two seconds of the
    /// cancellation. A run that finishes before it can be cancelled passes. The measurement is taken while no other
    /// conformance run of this test process computes, and a miss is measured again (twice at most), because a loaded
    /// machine can delay a stop by itself; a plugin that ignores cancellation misses every time.
    /// </summary>
    [Fact]
    public async Task Cancellation_is_honoured_within_two_seconds()
    {
        var (session, plugin, description) = await OpenDescribedAsync();
        await using var _ = session;
        var problems = new List<string>();
        foreach (var tool in description.Tools.Where(CanRun))
        {
            var problem = await MeasureCancellationAsync(async progress =>
            {
                var call = await PrepareToolAsync(session, tool, seed: null, withProviders: true, progress);

                // Validating starts the worker again if an earlier attempt had it killed, so the measured call is the
                // plugin's run and not the worker's start-up.
                await session.Host.ValidateToolAsync(tool.Id, call.Clip, call.Values, CancellationToken.None);
                return token => session.Host.RunToolAsync(tool.Id, call.Clip, call.Values, call.Options, token);
            }, tool.Id);
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        foreach (var provider in description.Providers.Where(CanGenerate))
        {
            var problem = await MeasureCancellationAsync(async progress =>
            {
                var (request, options) = await PrepareGenerationAsync(provider, progress);
                await session.Host.GetProviderPlugin(provider.Id).ValidateGenerationAsync(provider.Id, request, CancellationToken.None);
                return token => session.Host.GenerateAsync(provider.Id, request, options, token);
            }, provider.Id);
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        AssertNoProblems(problems, $"plugin {plugin.Id}");
    }

    /// <summary>
    /// A tool whose descriptor says <see cref="ToolDescriptor.Deterministic"/> gives byte-identical outputs (SHA-256)
    /// and the same edits when run twice with the same clip, values and seed; so does a provider model that declares
    /// <see cref="ModelCapabilities.DeterministicSeed"/> for the same request.
    /// </summary>
    [Fact]
    public async Task Same_seed_gives_the_same_output_bytes()
    {
        var report = await RunReportAsync();
        var problems = new List<string>();
        foreach (var target in report.Targets.Where(t => t.Deterministic))
        {
            if (target.First is null || target.Second is null)
            {
                problems.Add($"{target.Id}: cannot compare two runs: {string.Join("; ", target.Problems)}");
            }
            else if (target.First != target.Second)
            {
                problems.Add($"{target.Id} is declared deterministic but two runs with the same seed differ:{Environment.NewLine}{target.First}{Environment.NewLine}{target.Second}");
            }
        }

        AssertNoProblems(problems, $"plugin {report.PluginId}");
    }

    /// <summary>
    /// The plugin runs in a worker process, and through describe, validate and its runs (or generations) nothing but
    /// protocol messages reaches the worker's stdout: the host reports any other line it reads there, and none may
    /// appear. (Plugins log through <see cref="PluginContext.Logger"/>; the worker sends <c>Console.Out</c> to stderr.)
    /// </summary>
    [Fact]
    public async Task Worker_stdout_carries_only_the_protocol()
    {
        var (session, plugin, _) = await OpenDescribedAsync();
        await using (session)
        {
            Assert.Equal(PluginRuntime.Process, session.Host.GetPlugin(plugin.Id).Runtime);
        }

        var report = await RunReportAsync();
        var stray = session.StandardError.Concat(report.StandardError)
            .Where(l => l.Contains(ConformanceSession.NotProtocolMarker, StringComparison.Ordinal))
            .ToList();
        AssertNoProblems(stray, $"plugin {plugin.Id} wrote to the worker's stdout (use context.Logger, or Console.Error)");
    }

    /// <summary>
    /// Every runnable tool and provider run twice in one worker (the same seed), checked and fingerprinted, with the
    /// worker's stderr; made once per test class and plugin folder and shared by the facts that need runs.
    /// </summary>
    private Task<RunReport> RunReportAsync() =>
        Reports.GetOrAdd(GetType().FullName + "|" + Path.GetFullPath(PluginDirectory), _ => new Lazy<Task<RunReport>>(RunEverythingAsync)).Value;

    private async Task<RunReport> RunEverythingAsync()
    {
        var (session, plugin, description) = await OpenDescribedAsync();
        await using var _ = session;
        await using var shared = await QuietGate.Process.SharedAsync();
        var clips = await ConformanceClips.GetAsync();
        var targets = new List<TargetRuns>();
        foreach (var tool in description.Tools.Where(CanRun))
        {
            var problems = new List<string>();
            var fingerprints = new List<string>();
            for (var run = 0; run < (tool.Deterministic ? 2 : 1) && fingerprints.Count == run; run++)
            {
                var call = await PrepareToolAsync(session, tool, seed: 7, withProviders: true);
                var issues = await session.Host.ValidateToolAsync(tool.Id, call.Clip, call.Values, CancellationToken.None);
                if (issues.Any(i => i.Severity == ValidationSeverity.Error))
                {
                    problems.Add($"{tool.Id}: the conformance request is refused ({string.Join("; ", issues)}); override CreateClipAsync or ValuesFor to give the tool a clip and values it accepts");
                    break;
                }

                try
                {
                    var result = await session.Host.RunToolAsync(tool.Id, call.Clip, call.Values, call.Options, CancellationToken.None);
                    if (run == 0)
                    {
                        problems.AddRange(await CheckResultAsync(tool, result, call.Options.ScratchDirectory, clips));
                    }

                    fingerprints.Add(await FingerprintAsync(result));
                }
                catch (PluginCallException e)
                {
                    problems.Add($"{tool.Id}: run {run + 1} failed ({e.Kind}): {e.Message}");
                }
                catch (PluginException e)
                {
                    problems.Add($"{tool.Id}: run {run + 1} failed: {e.Message}");
                }
            }

            targets.Add(new TargetRuns(tool.Id, tool.Deterministic, problems, fingerprints.ElementAtOrDefault(0), fingerprints.ElementAtOrDefault(1)));
        }

        foreach (var provider in description.Providers.Where(CanGenerate))
        {
            var deterministic = provider.FindModel(null) is { DeterministicSeed: true };
            var problems = new List<string>();
            var fingerprints = new List<string>();
            for (var run = 0; run < (deterministic ? 2 : 1) && fingerprints.Count == run; run++)
            {
                var (request, options) = await PrepareGenerationAsync(provider);
                try
                {
                    var result = await session.Host.GenerateAsync(provider.Id, request, options, CancellationToken.None);
                    if (run == 0)
                    {
                        problems.AddRange(await CheckGenerationAsync(provider, request, result, clips));
                    }

                    fingerprints.Add(await FingerprintAsync(result));
                }
                catch (PluginException e)
                {
                    problems.Add($"{provider.Id}: generating {request.Mode} {request.Size} × {request.FrameCount} frames failed{(e is PluginCallException c ? $" ({c.Kind})" : "")}: {e.Message}; override RequestForAsync to give it a request it accepts");
                }
            }

            targets.Add(new TargetRuns(provider.Id, deterministic, problems, fingerprints.ElementAtOrDefault(0), fingerprints.ElementAtOrDefault(1)));
        }

        return new RunReport(plugin.Id, targets, session.StandardError);
    }

    private static async Task<List<string>> CheckResultAsync(ToolDescriptor tool, ToolResult result, string scratch, ConformanceClips clips)
    {
        var problems = new List<string>();
        var ids = result.Outputs.Select(o => o.Id).ToList();
        problems.AddRange(ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{tool.Id}: output id '{g.Key}' is used twice"));
        foreach (var output in result.Outputs)
        {
            if (output.FrameCount <= 0)
            {
                problems.Add($"{tool.Id}: output {output.Id} has {output.FrameCount} frames");
            }

            foreach (var (what, path) in new[] { ("video", output.VideoPath), ("audio", output.AudioPath) })
            {
                if (path is null && what == "audio")
                {
                    continue;
                }

                if (path is null || !File.Exists(path))
                {
                    problems.Add($"{tool.Id}: output {output.Id}'s {what} {path ?? "(none)"} does not exist");
                }
                else if (!IsInside(path, scratch))
                {
                    problems.Add($"{tool.Id}: output {output.Id}'s {what} {path} is outside the call's scratch folder {scratch}");
                }
            }

            if (File.Exists(output.VideoPath))
            {
                try
                {
                    var info = await clips.Media.ProbeAsync(output.VideoPath, CancellationToken.None);
                    if (info.FrameCount <= 0 || info.Size is null)
                    {
                        problems.Add($"{tool.Id}: output {output.Id} ({output.VideoPath}) holds no video frames");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    problems.Add($"{tool.Id}: output {output.Id} ({output.VideoPath}) cannot be read: {e.Message}");
                }
            }
        }

        foreach (var edit in result.Edits.OfType<OutputEdit>().Where(e => !ids.Contains(e.OutputId)))
        {
            problems.Add($"{tool.Id}: edit {edit.GetType().Name} refers to output '{edit.OutputId}', which the result does not have (outputs: {string.Join(", ", ids)})");
        }

        return problems;
    }

    private static async Task<List<string>> CheckGenerationAsync(ProviderDescriptor provider, GenerationRequest request, GenerationResult result, ConformanceClips clips)
    {
        var problems = new List<string>();
        if (!File.Exists(result.VideoPath))
        {
            problems.Add($"{provider.Id}: the generated video {result.VideoPath} does not exist");
            return problems;
        }

        MediaDescription info;
        try
        {
            info = await clips.Media.ProbeAsync(result.VideoPath, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add($"{provider.Id}: the generated video {result.VideoPath} cannot be read: {e.Message}");
            return problems;
        }

        if (info.FrameCount != result.FrameCount)
        {
            problems.Add($"{provider.Id}: the result says {result.FrameCount} frames; {result.VideoPath} holds {info.FrameCount}");
        }

        if (info.Size is { } size && size != result.Size)
        {
            problems.Add($"{provider.Id}: the result says {result.Size}; {result.VideoPath} is {size}");
        }

        if (result.ProviderId.Length > 0 && result.ProviderId != provider.Id)
        {
            problems.Add($"{provider.Id}: the result names provider '{result.ProviderId}'");
        }

        if (result.FrameCount < request.FrameCount)
        {
            problems.Add($"{provider.Id}: {request.FrameCount} frames were asked for; {result.FrameCount} came back");
        }

        return problems;
    }

    /// <summary>
    /// Prepares a call with <paramref name="prepare"/>, starts it, cancels it once it is under way and says what went
    /// wrong, or null when it stopped within <see cref="CancellationLimit"/> (or finished before it could be cancelled).
    /// Taken with the process's quiet gate held alone; a late stop is measured again, up to three times in all.
    /// </summary>
    private static async Task<string?> MeasureCancellationAsync(Func<StartSignal, Task<Func<CancellationToken, Task>>> prepare, string id)
    {
        string? problem = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var started = new StartSignal();
            var start = await prepare(started);
            await using (await QuietGate.Process.ExclusiveAsync())
            {
                var (late, message) = await CancelDuringAsync(id, started, start);
                if (!late)
                {
                    return message;
                }

                problem = message + (attempt > 1 ? $" (measured {attempt} times)" : "");
            }
        }

        return problem;
    }

    /// <summary>Starts the call, cancels it once it is under way, and says whether it stopped late and what went wrong.</summary>
    private static async Task<(bool Late, string? Problem)> CancelDuringAsync(string id, StartSignal started, Func<CancellationToken, Task> start)
    {
        using var cancellation = new CancellationTokenSource();
        var call = start(cancellation.Token);
        await Task.WhenAny(call, started.Task, Task.Delay(TimeSpan.FromMilliseconds(500)));
        if (call.IsCompleted)
        {
            try
            {
                await call;
                return (false, null);
            }
            catch (Exception e)
            {
                return (false, $"{id}: the call failed before it could be cancelled: {e.Message}");
            }
        }

        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        try
        {
            await call.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
        }
        catch (PluginCallException)
        {
        }
        catch (TimeoutException)
        {
            return (false, $"{id}: the call had not ended 30 s after it was cancelled");
        }
        catch (Exception e)
        {
            return (false, $"{id}: after cancellation the call ended with {e.GetType().Name} (expected OperationCanceledException): {e.Message}");
        }

        clock.Stop();
        return clock.Elapsed > CancellationLimit
            ? (true, string.Create(CultureInfo.InvariantCulture, $"{id}: took {clock.Elapsed.TotalSeconds:0.00} s to stop after cancellation (the limit is {CancellationLimit.TotalSeconds:0} s): check the cancellation token in loops and pass it to every await"))
            : (false, null);
    }

    /// <summary>What makes two runs the same: each output's frame count, labels, file name and SHA-256 of its files, and
    /// the edits. Scratch folders differ between runs, so paths are reduced to file names.</summary>
    private static async Task<string> FingerprintAsync(ToolResult result)
    {
        var text = new StringBuilder();
        foreach (var output in result.Outputs.OrderBy(o => o.Id, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{output.Id} frames={output.FrameCount} label={output.Label} tc={output.StartTimecode} ");
            var video = await Sha256Async(output.VideoPath);
            var audio = output.AudioPath is { } audioPath ? Path.GetFileName(audioPath) + ":" + await Sha256Async(audioPath) : "none";
            text.Append(CultureInfo.InvariantCulture, $"video={Path.GetFileName(output.VideoPath)}:{video} audio={audio} ");
            text.Append(CultureInfo.InvariantCulture, $"seed={output.Generation?.Seed} model={output.Generation?.ModelId}").AppendLine();
        }

        text.Append(JsonSerializer.Serialize(result.Edits, SdkJson.Options));
        return text.ToString();
    }

    private static async Task<string> FingerprintAsync(GenerationResult result)
    {
        var hash = await Sha256Async(result.VideoPath);
        return string.Create(CultureInfo.InvariantCulture,
            $"frames={result.FrameCount} size={result.Size} rate={result.Rate} seed={result.Seed} model={result.ModelId} video={hash}");
    }

    private static async Task<string> Sha256Async(string path)
    {
        if (!File.Exists(path))
        {
            return "missing";
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
        }
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(path));
        return !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    /// <summary>The runs of one tool or provider: problems found, and the fingerprints of the first and second run.</summary>
    private sealed record TargetRuns(string Id, bool Deterministic, IReadOnlyList<string> Problems, string? First, string? Second);

    /// <summary>Every run of a plugin, with the worker's stderr.</summary>
    private sealed record RunReport(string PluginId, IReadOnlyList<TargetRuns> Targets, IReadOnlyList<string> StandardError);

    /// <summary>Completes at the first progress report of a call.</summary>
    private sealed class StartSignal : IProgress<PluginProgress>
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _started.Task;

        public void Report(PluginProgress value) => _started.TrySetResult();
    }
}
