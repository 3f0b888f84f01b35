using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Host.Caching;
using Editing.Host.Plugins;
using Editing.Host.Provenance;
using Editing.Host.Providers;
using Editing.Otio;
using Editing.Otio.Bundles;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;

namespace Editing.Host.Edits;

/// <summary>
/// Runs <c>editing apply</c>: reads the timeline, validates everything (parameters, selection, media, the tool's own
/// checks) for every selected item before any work, runs the tool on the items in parallel (up to
/// <see cref="ApplyRequest.MaxParallelism"/>), conforms each output to the timeline (rate, exact frame count, size,
/// delivery codec, start timecode, audio), writes a provenance sidecar per media file, applies the edits and writes
/// the timeline atomically. All or nothing: if any item fails, the media written by this run are deleted and no
/// timeline is written.
/// </summary>
public sealed class ApplyRunner
{
    /// <summary>The provider used when the request names none.</summary>
    public const string DefaultProviderId = "editing.previs";

    private readonly PluginHost _host;
    private readonly IMediaServices _media;

    /// <summary>Creates a runner over a plugin host and the host's media services.</summary>
    public ApplyRunner(PluginHost host, IMediaServices media)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _media = media ?? throw new ArgumentNullException(nameof(media));
    }

    /// <summary>Provider settings and secrets; null to read the user's configuration (<see cref="ProviderConfiguration.Load"/>).</summary>
    public ProviderConfiguration? Configuration { get; init; }

    /// <summary>The result cache; null to open the one <see cref="ApplyRequest.CacheDirectory"/> or the environment
    /// names (see <see cref="ResultCache.FromEnvironment"/>). Ignored when <see cref="ApplyRequest.UseCache"/> is false.</summary>
    public ResultCache? Cache { get; init; }

    /// <summary>The studio policy; null to read <see cref="ApplyRequest.PolicyPath"/> or <c>$EDITING_POLICY</c> (none when
    /// both are unset).</summary>
    public StudioPolicy? Policy { get; init; }

    /// <summary>Receives a line per step for the console (<c>sh010: generating 48 frames</c>).</summary>
    public Action<string>? Status { get; init; }

    /// <summary>Runs the request.</summary>
    /// <exception cref="ApplyException">Validation refused the request (exit 2); nothing was written.</exception>
    /// <exception cref="SelectionException">A malformed selection (exit 1) or one that matched nothing (exit 2).</exception>
    /// <exception cref="PluginCallException">The tool or provider failed (exit 4); nothing was written.</exception>
    public async Task<ApplyReport> RunAsync(ApplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var inputPath = Path.GetFullPath(request.TimelinePath);
        var outputPath = Path.GetFullPath(request.OutputPath);
        var root = TimelineFile.Read(inputPath);
        var timeline = root as Timeline ?? throw new ApplyException($"{inputPath}: the file holds a {root.SchemaName}, not a Timeline", []);
        var mediaDirectory = Path.GetFullPath(request.MediaDirectory ?? Path.Combine(
            Path.GetDirectoryName(outputPath)!, Path.GetFileNameWithoutExtension(outputPath) + ".media"));

        if (request.Target is { } target && !Export.WriteProfiles.IsProfile(target))
        {
            throw new ApplyException($"--target {target}: unknown write profile (known: {string.Join(", ", Export.WriteProfiles.Names)})", []);
        }

        var tool = await _host.DescribeToolAsync(request.ToolId, cancellationToken).ConfigureAwait(false);
        var selected = TimelineSelector.Select(timeline, request.Selections);
        if (selected.Count == 0)
        {
            throw new SelectionException($"{inputPath}: --select {string.Join(" ", request.Selections.Select(s => $"'{s}'"))} matched no item", matchedNothing: true);
        }

        var issues = new List<ItemIssue>();
        var cache = !request.UseCache ? null : Cache ?? ResultCache.FromEnvironment(request.CacheDirectory, request.CacheMaxSize);
        var factory = new ClipContextFactory(timeline, inputPath, cache is null ? _media : new CachedProbes(_media, cache));
        var firstRate = (selected[0].Item as Item)?.TrimmedRange().Duration.Rate ?? 24;
        var parsed = tool.Schema.ParseArguments(request.Parameters, new ParseContext(firstRate, Environment.CurrentDirectory));
        issues.AddRange(parsed.Issues.Select(i => new ItemIssue("", i)));
        var values = tool.Schema.Normalize(parsed.Values);
        issues.AddRange(tool.Schema.Validate(values).Select(i => new ItemIssue("", i)));
        if (request.Variations > 0 && tool.Schema.Find("seed") is null)
        {
            issues.Add(new ItemIssue("", ValidationIssue.Error("", $"--variations needs a tool with a seed parameter; {tool.Id} has none")));
        }

        // Every item's media are probed at once (each probe is an ffprobe process), then checked in order.
        var prefetched = selected
            .Where(s => s.Item is Item && tool.Targets.Contains(ClipContextFactory.KindOf(s.Item)))
            .ToDictionary<SelectedItem, SelectedItem, Task<ClipContext>>(s => s, s => factory.CreateAsync(s, cancellationToken), ReferenceEqualityComparer.Instance);
        var work = new List<(SelectedItem Item, ClipContext Context)>();
        foreach (var s in selected)
        {
            var where = s.Describe();
            if (s.Item is not Item || s.Item is Transition || !tool.Targets.Contains(ClipContextFactory.KindOf(s.Item)))
            {
                var accepts = string.Join(" and ", tool.Targets.Select(t => t.ToString().ToLowerInvariant() + "s"));
                issues.Add(new ItemIssue(where, ValidationIssue.Error("", $"{tool.Id} applies to {accepts}, not to a {s.Item.SchemaName.ToLowerInvariant()}")));
                continue;
            }

            ClipContext context;
            try
            {
                context = await prefetched[s].ConfigureAwait(false);
            }
            catch (UnreadableMediaException e)
            {
                issues.Add(new ItemIssue(where, ValidationIssue.Error("", $"media file cannot be read: {e.MediaPath}: {e.Message}")));
                continue;
            }

            if (tool.Inputs.Contains(ToolInput.SourceMedia) && context.Kind == ItemKind.Clip && !request.AllowMissing)
            {
                if (context.Media is null)
                {
                    issues.Add(new ItemIssue(where, ValidationIssue.Error("", "the clip has no media file reference (use --allow-missing to generate from a slate)")));
                    continue;
                }

                if (!context.Media.Exists)
                {
                    issues.Add(new ItemIssue(where, ValidationIssue.Error("", $"media file not found: {context.Media.Path} (use --allow-missing to generate from a slate)")));
                    continue;
                }
            }

            if (context.DurationFrames <= 0)
            {
                issues.Add(new ItemIssue(where, ValidationIssue.Error("", "the item is zero frames long")));
                continue;
            }

            var toolIssues = await _host.ValidateToolAsync(tool.Id, context, values, cancellationToken).ConfigureAwait(false);
            issues.AddRange(toolIssues.Select(i => new ItemIssue(where, i)));
            work.Add((s, context));
        }

        var errors = issues.Where(i => i.Issue.Severity == ValidationSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ApplyException($"{inputPath}: {errors.Count} problem(s) with the request; nothing was generated", issues);
        }

        var runDirectory = Path.Combine(Path.GetDirectoryName(outputPath)!, $".editing-run-{Guid.NewGuid():N}");

        // The provider is described (no generation yet) so the policy can judge it and its model.
        ProviderAccess? providers = null;
        TrainingDataDeclaration? configuredTraining = null;
        var providerLabel = "";
        if (tool.ProviderModes.Count > 0)
        {
            var providerId = request.ProviderId ?? DefaultProviderId;
            var configuration = Configuration ?? ProviderConfiguration.Load();
            var declared = _host.GetProviderPlugin(providerId).Manifest.SecretEnvironment;
            var settings = configuration.SettingsFor(providerId);
            providers = await _host.CreateProviderAccessAsync(providerId, request.ModelId,
                new ProviderRunOptions
                {
                    ScratchDirectory = Path.Combine(runDirectory, "provider"),
                    Settings = settings,
                    Secrets = configuration.SecretsFor(providerId, declared),
                }, cancellationToken).ConfigureAwait(false);
            providerLabel = $"{providers.Selected.Id} {providers.Selected.Version} / {providers.SelectedModel.ModelId}";
            // What each item will ask of the model is known before the tool runs: refuse what it cannot do (unless a
            // named fallback allows it), and fit every request to its sizes, rates and frame grids.
            var capabilityIssues = work
                .Select(w => (w.Item, Expected: CapabilityNegotiator.Expect(tool, w.Context, values)))
                .Where(x => x.Expected is not null)
                .SelectMany(x => CapabilityNegotiator.Check(providers.Selected.Id, providers.SelectedModel, x.Expected!, request.Fallbacks)
                    .Select(i => new ItemIssue(x.Item.Describe(), i)))
                .ToList();
            issues.AddRange(capabilityIssues.Where(i => i.Issue.Severity == ValidationSeverity.Warning));
            if (capabilityIssues.Any(i => i.Issue.Severity == ValidationSeverity.Error))
            {
                throw new ApplyException($"{inputPath}: the model cannot do what {tool.Id} asks; nothing was generated", capabilityIssues);
            }

            providers = new NegotiatingProviderAccess(providers, Path.Combine(runDirectory, "negotiated"), request.Fallbacks);
            // The studio's own declaration for a provider (its contract with the vendor) wins over the model's.
            if (settings.TryGetValue("training_data", out var source) && source.Length > 0)
            {
                configuredTraining = new TrainingDataDeclaration(source, settings.GetValueOrDefault("training_data_licence", ""), settings.GetValueOrDefault("training_data_reference", ""));
            }
        }

        var policy = Policy ?? (request.PolicyPath ?? Environment.GetEnvironmentVariable(StudioPolicy.FileVariable)) switch
        {
            { Length: > 0 } policyPath => StudioPolicy.Load(policyPath),
            _ => null,
        };
        if (policy is not null)
        {
            var plan = new PlannedGeneration(providers?.Selected.Id, providers?.SelectedModel.ModelId,
                (configuredTraining ?? providers?.SelectedModel.TrainingData ?? TrainingDataDeclaration.Undeclared).Source,
                request.Codec, work.Select(w => (Item)w.Item.Item).ToList(), tool, values, Math.Max(1, request.Variations));
            var violations = PolicyChecker.BeforeGeneration(policy, timeline, inputPath, plan);
            if (violations.Count > 0)
            {
                throw new PolicyException($"{inputPath}: the studio policy {policy.SourcePath} refuses this apply ({violations.Count} violation(s)); nothing was generated", violations);
            }
        }

        Directory.CreateDirectory(runDirectory);
        Directory.CreateDirectory(mediaDirectory);
        var placer = new OutputPlacer(mediaDirectory, Path.GetDirectoryName(outputPath)!, request, tool);
        var warnings = issues.Select(i => i.ToString()).ToList();
        try
        {
            using var gate = new SemaphoreSlim(Math.Max(1, request.MaxParallelism));
            var counters = new RunCounters();
            var tasks = work.Select((w, n) => RunItemAsync(w.Item, w.Context, values, tool, request, factory, providers, configuredTraining, placer,
                cache, counters, Path.Combine(runDirectory, $"item-{n:000}"), gate, cancellationToken)).ToList();
            ItemRun[] results;
            try
            {
                results = await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch
            {
                // Wait for the others so no encode is still writing while we clean up.
                await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
                throw;
            }

            // Relative URLs of the input are relative to its folder; new media are already relative to the output's.
            RebaseRelativeMedia(timeline, Path.GetDirectoryName(inputPath)!, Path.GetDirectoryName(outputPath)!);
            var applied = new List<AppliedItem>();
            foreach (var r in results)
            {
                var byId = r.Placed.ToDictionary(p => p.Output.Id, StringComparer.Ordinal);
                foreach (var edit in r.Edits)
                {
                    TimelineEditor.Apply(timeline, (Item)r.Item.Item, edit, byId);
                }

                warnings.AddRange(r.Warnings.Select(w => $"{r.Item.Describe()}: {w}"));
                applied.Add(new AppliedItem(r.Item.Describe(), r.Edits.Select(Describe).ToList(),
                    r.Placed.Select(p => new AppliedMedia(placer.AbsolutePath(p), p.AvailableRange.Duration.ToFrames(),
                        p.AvailableRange.StartTime.ToTimecode(), p.Output.Generation?.Seed, placer.ProvenancePath(p))).ToList()));
            }

            var journal = EditJournal.For(outputPath);
            var previousVersion = request.Journal ? journal.KeepCurrentVersion() : null;
            var written = request.Target is { } profile ? Export.WriteProfiles.Apply(timeline, profile, Path.GetDirectoryName(outputPath)) : timeline;
            TimelineFile.Write(written, outputPath);
            placer.Commit();
            if (request.Journal)
            {
                journal.Append(JournalEntryFor(request, tool, providerLabel, inputPath, outputPath, previousVersion, applied, clock.Elapsed), request.Operator);
            }

            return new ApplyReport
            {
                OutputPath = outputPath,
                MediaDirectory = mediaDirectory,
                Tool = $"{tool.Id} {tool.Version}",
                Provider = providerLabel,
                Items = applied,
                Warnings = warnings,
                Seconds = clock.Elapsed.TotalSeconds,
                ProviderCalls = counters.ProviderCalls,
                CacheHits = counters.CacheHits,
            };
        }
        catch
        {
            placer.Rollback();
            throw;
        }
        finally
        {
            if (!request.KeepScratch)
            {
                TryDelete(runDirectory);
            }
        }
    }

    private static JsonObject JournalEntryFor(ApplyRequest request, ToolDescriptor tool, string providerLabel, string inputPath, string outputPath,
        JsonObject? previousVersion, IReadOnlyList<AppliedItem> applied, TimeSpan elapsed)
    {
        static string Sha(string path) => File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "";
        var selections = string.Join(" ", request.Selections);
        var parameters = request.Parameters.Count == 0 ? "" : " (" + string.Join(" ", request.Parameters.Select(p => "--param " + p)) + ")";
        return new JsonObject
        {
            ["action"] = "apply",
            ["summary"] = $"{tool.Id} on {selections}{parameters}",
            ["tool"] = tool.Id,
            ["tool_version"] = tool.Version.ToString(),
            ["provider"] = providerLabel,
            ["selections"] = new JsonArray([.. request.Selections.Select(s => JsonValue.Create(s))]),
            ["parameters"] = new JsonArray([.. request.Parameters.Select(p => JsonValue.Create(p))]),
            ["variations"] = request.Variations,
            ["input"] = new JsonObject { ["path"] = inputPath, ["sha256"] = inputPath == outputPath ? previousVersion?["sha256"]?.DeepClone() : Sha(inputPath) },
            ["output"] = new JsonObject { ["path"] = outputPath, ["sha256"] = Sha(outputPath) },
            ["previous_version"] = previousVersion,
            ["items"] = new JsonArray([.. applied.Select(a => (JsonNode)new JsonObject
            {
                ["item"] = a.Item,
                ["edits"] = new JsonArray([.. a.Edits.Select(e => JsonValue.Create(e))]),
                ["media"] = new JsonArray([.. a.Media.Select(m => JsonValue.Create(m.Path))]),
            })]),
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
        };
    }

    /// <summary>Counts across the items of one run.</summary>
    private sealed class RunCounters
    {
        public int ProviderCalls;
        public int CacheHits;
    }

    /// <summary>Counts the generations a tool asks for (the report's <c>provider_calls</c>).</summary>
    private sealed class CountingProviderAccess(ProviderAccess inner, RunCounters counters) : ProviderAccess
    {
        public override ProviderDescriptor Selected => inner.Selected;

        public override ModelCapabilities SelectedModel => inner.SelectedModel;

        public override Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counters.ProviderCalls);
            return inner.GenerateAsync(request, cancellationToken);
        }
    }

    private sealed record ItemRun(SelectedItem Item, IReadOnlyList<EditIntent> Edits, IReadOnlyList<PlacedOutput> Placed, IReadOnlyList<string> Warnings);

    private async Task<ItemRun> RunItemAsync(SelectedItem item, ClipContext light, ControlValues values, ToolDescriptor tool, ApplyRequest request,
        ClipContextFactory factory, ProviderAccess? providers, TrainingDataDeclaration? configuredTraining, OutputPlacer placer, ResultCache? cache,
        RunCounters counters, string scratch, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var runs = request.Variations > 0 ? request.Variations : 1;
            var runValues = Enumerable.Range(0, runs)
                .Select(k => request.Variations > 0 ? values.With("seed", values.GetSeed("seed") + k) : values)
                .ToList();
            var keys = new string?[runs];
            if (cache is not null)
            {
                var description = await CacheDescriptionAsync(cache, light, tool, request, providers, configuredTraining, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < runs; k++)
                {
                    var valuesNode = JsonNode.Parse(runValues[k].ToJson());
                    await HashFilesAsync(cache, valuesNode, cancellationToken).ConfigureAwait(false);
                    description["values"] = valuesNode;
                    keys[k] = ResultCache.KeyOf(description);
                }
            }

            ClipContext? context = null;
            var edits = new List<EditIntent>();
            var placed = new List<PlacedOutput>();
            var warnings = new List<string>();
            for (var k = 0; k < runs; k++)
            {
                var variation = runs > 1 ? $" variation {k + 1}/{runs}" : "";
                var restored = keys[k] is { } key ? await TryRestoreAsync(cache!, key, placer, light, cancellationToken).ConfigureAwait(false) : null;
                IReadOnlyList<EditIntent> resultEdits;
                List<PlacedOutput> outputs;
                if (restored is not null)
                {
                    Status?.Invoke($"{Label(item)}: {tool.Id}{variation} (reused from the cache)");
                    Interlocked.Increment(ref counters.CacheHits);
                    (resultEdits, outputs, var cachedWarnings) = restored.Value;
                    warnings.AddRange(cachedWarnings);
                }
                else
                {
                    if (context is null)
                    {
                        Directory.CreateDirectory(scratch);
                        var inputs = Path.Combine(scratch, "inputs");
                        Directory.CreateDirectory(inputs);
                        context = await factory.CreateAsync(item, tool.Inputs, inputs, cancellationToken).ConfigureAwait(false);
                    }

                    Status?.Invoke($"{Label(item)}: {tool.Id}{variation}");
                    var result = await _host.RunToolAsync(tool.Id, context, runValues[k], new ToolRunOptions
                    {
                        ScratchDirectory = Path.Combine(scratch, $"run-{k}"),
                        Providers = providers is null ? null : new CountingProviderAccess(providers, counters),
                    }, cancellationToken).ConfigureAwait(false);
                    warnings.AddRange(result.Warnings);
                    outputs = [];
                    foreach (var generated in result.Outputs)
                    {
                        var output = configuredTraining is not null && generated.Generation is { } g
                            ? generated with { Generation = g with { TrainingData = configuredTraining } }
                            : generated;
                        var startTc = StartTimecodeFor(output, result.Edits, context);
                        outputs.Add(await placer.PlaceAsync(output, context, startTc, runValues[k], cancellationToken).ConfigureAwait(false));
                    }

                    resultEdits = result.Edits;
                    if (keys[k] is { } storeKey)
                    {
                        await StoreAsync(cache!, storeKey, placer, outputs, result).ConfigureAwait(false);
                    }
                }

                var renamed = outputs.ToDictionary(o => o.Output.Id, o => $"{o.Output.Id}#{k}");
                placed.AddRange(outputs.Select(o => o with { Output = o.Output with { Id = renamed[o.Output.Id] } }));
                foreach (var edit in resultEdits)
                {
                    var e = edit is OutputEdit oe && renamed.TryGetValue(oe.OutputId, out var id) ? oe with { OutputId = id } : edit;
                    // Variations keep every result: the first may become active, the others are alternates.
                    if (request.Variations > 0 && e is ReplaceActiveMedia r)
                    {
                        e = new AddVariant { OutputId = r.OutputId, MakeActive = k == 0 };
                    }

                    edits.Add(e);
                }
            }

            return new ItemRun(item, edits, placed, warnings);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Everything that decides a run's output except the parameters: tool, provider, model, delivery, and
    /// the item's context with every input file replaced by its SHA-256 (names of the timeline, track and item path
    /// are left out, so the same shot in another timeline reuses the result).</summary>
    private static async Task<JsonObject> CacheDescriptionAsync(ResultCache cache, ClipContext light, ToolDescriptor tool, ApplyRequest request,
        ProviderAccess? providers, TrainingDataDeclaration? configuredTraining, CancellationToken cancellationToken)
    {
        var context = JsonSerializer.SerializeToNode(light, Editing.Sdk.SdkJson.Options)!.AsObject();
        foreach (var name in new[] { "item_path", "track_index", "item_index", "track_name", "timeline_name" })
        {
            context.Remove(name);
        }

        await HashFilesAsync(cache, context, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["format"] = 1,
            ["tool"] = tool.Id,
            ["tool_version"] = tool.Version.ToString(),
            ["provider"] = providers?.Selected.Id,
            ["provider_version"] = providers?.Selected.Version.ToString(),
            ["model"] = providers?.SelectedModel.ModelId,
            ["training_data"] = configuredTraining is null ? null : JsonSerializer.SerializeToNode(configuredTraining, Editing.Sdk.SdkJson.Options),
            ["codec"] = DeliveryCodecs.Name(request.Codec),
            ["allow_missing"] = request.AllowMissing,
            ["context"] = context,
        };
    }

    /// <summary>Replaces, in place, every string in <paramref name="node"/> that names an existing file by
    /// <c>sha256:</c> and the file's hash.</summary>
    private static async Task HashFilesAsync(ResultCache cache, JsonNode? node, CancellationToken cancellationToken)
    {
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value).ToList(),
            JsonArray a => [.. a],
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is JsonValue v && v.TryGetValue<string>(out var text) && Path.IsPathRooted(text) && File.Exists(text))
            {
                child.ReplaceWith("sha256:" + await cache.HashFileAsync(text, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                await HashFilesAsync(cache, child, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<(IReadOnlyList<EditIntent>, List<PlacedOutput>, IReadOnlyList<string>)?> TryRestoreAsync(
        ResultCache cache, string key, OutputPlacer placer, ClipContext context, CancellationToken cancellationToken)
    {
        if (cache.TryGet(key) is not { } entry)
        {
            return null;
        }

        var restored = new List<PlacedOutput>();
        try
        {
            var edits = entry.Manifest["edits"].Deserialize<List<EditIntent>>(Editing.Sdk.SdkJson.Options) ?? [];
            var warnings = entry.Manifest["warnings"].Deserialize<List<string>>() ?? [];
            foreach (var output in entry.Manifest["outputs"]!.AsArray())
            {
                restored.Add(await placer.RestoreAsync(output!.AsObject(), entry, context, cancellationToken).ConfigureAwait(false));
            }

            return (edits, restored, warnings);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NullReferenceException or InvalidOperationException)
        {
            // Evicted or damaged while we read it: forget what was copied and run the tool.
            placer.Forget(restored);
            return null;
        }
    }

    private static Task StoreAsync(ResultCache cache, string key, OutputPlacer placer, List<PlacedOutput> outputs, ToolResult result) =>
        cache.PutAsync(key, folder =>
        {
            var manifest = new JsonObject
            {
                ["created"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["edits"] = JsonSerializer.SerializeToNode(result.Edits, Editing.Sdk.SdkJson.Options),
                ["warnings"] = JsonSerializer.SerializeToNode(result.Warnings),
                ["outputs"] = new JsonArray([.. outputs.Select((o, i) => (JsonNode)placer.Store(o, folder, i))]),
            };
            return Task.FromResult(manifest);
        });

    /// <summary>
    /// The timecode stamped on an output: the tool's own (an extension continues its source), else for media that
    /// replace or vary a clip the clip's source start (so the clip's range stays valid), else 00:00:00:00.
    /// </summary>
    private static string StartTimecodeFor(MediaOutput output, IReadOnlyList<EditIntent> edits, ClipContext context)
    {
        if (output.StartTimecode is { } own)
        {
            return own;
        }

        var replaces = edits.OfType<OutputEdit>().Any(e => e.OutputId == output.Id && e is ReplaceActiveMedia or AddVariant);
        var fps = context.SourceRange.StartTime.Rate;
        return replaces && context.SourceRange.StartTime.TryToTimecode(fps, out var tc) ? tc : new RationalTime(0, fps).ToTimecode(fps);
    }

    private static string Label(SelectedItem item) => item.Item.Name.Length > 0 ? item.Item.Name : item.Path;

    private static string Describe(EditIntent edit) => edit switch
    {
        InsertClip i => $"insert-clip {i.Position.ToString().ToLowerInvariant()} ({i.Mode.ToString().ToLowerInvariant()}) '{i.ClipName}'",
        FillGap f => $"fill-gap '{f.ClipName}'",
        AddVariant v => v.MakeActive ? "add-variant (active)" : "add-variant",
        ReplaceActiveMedia => "replace-active-media",
        ReplaceWithRender => "replace-with-render",
        SetActiveMedia s => $"set-active-media {s.ReferenceKey}",
        _ => edit.GetType().Name,
    };

    /// <summary>Relative media URLs are relative to the timeline's folder: keep them pointing at the same files.</summary>
    private static void RebaseRelativeMedia(Timeline timeline, string inputDirectory, string outputDirectory)
    {
        if (string.Equals(Path.GetFullPath(inputDirectory), Path.GetFullPath(outputDirectory), StringComparison.Ordinal))
        {
            return;
        }

        foreach (var clip in timeline.Tracks?.FindClips() ?? [])
        {
            foreach (var reference in clip.MediaReferences.Values.OfType<ExternalReference>())
            {
                var file = OtioBundle.FileFromUrl(reference.TargetUrl);
                if (file is null || Path.IsPathRooted(file) || reference.TargetUrl.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var absolute = Path.GetFullPath(Path.Combine(inputDirectory, file));
                reference.TargetUrl = Path.GetRelativePath(outputDirectory, absolute).Replace('\\', '/');
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
