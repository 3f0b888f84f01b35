using Editing.Host.Edits;
using Editing.Otio.Schema;
using Editing.Sdk.Controls;
using Editing.Sdk.Tools;

namespace Editing.Host.Provenance;

/// <summary>Who a shot shows and the consent on record, from its tags.</summary>
/// <param name="Persons">People the shot is tagged as showing.</param>
/// <param name="Consent">Consent record references (empty when none).</param>
public sealed record LikenessTags(IReadOnlyList<string> Persons, IReadOnlyList<string> Consent)
{
    /// <summary>
    /// Reads an item's tags: metadata <c>editing.likeness = {"persons": [...], "consent": "REF" or [...]}</c>, and
    /// markers named <c>person: NAME</c> and <c>consent: REF</c> (what an editor can add in any NLE).
    /// </summary>
    public static LikenessTags Of(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var persons = new List<string>();
        var consent = new List<string>();
        if (item.Metadata.TryGetValue(TimelineEditor.Namespace, out var ns) && ns is OtioDictionary block
            && block.TryGetValue("likeness", out var l) && l is OtioDictionary likeness)
        {
            persons.AddRange(Strings(likeness.TryGetValue("persons", out var p) ? p : null));
            consent.AddRange(Strings(likeness.TryGetValue("consent", out var c) ? c : null));
        }

        foreach (var marker in item.Markers)
        {
            if (Tagged(marker.Name, "person") is { } person)
            {
                persons.Add(person);
            }
            else if (Tagged(marker.Name, "consent") is { } reference)
            {
                consent.Add(reference);
            }
        }

        return new LikenessTags(persons.Distinct(StringComparer.Ordinal).ToList(), consent.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>True when the shot shows someone and no consent reference is recorded.</summary>
    public bool LacksConsent => Persons.Count > 0 && Consent.Count == 0;

    private static string? Tagged(string name, string tag) =>
        name.StartsWith(tag + ":", StringComparison.OrdinalIgnoreCase) && name[(tag.Length + 1)..].Trim() is { Length: > 0 } value ? value : null;

    private static IEnumerable<string> Strings(object? value) => value switch
    {
        string s when s.Length > 0 => [s],
        IEnumerable<object?> list => list.OfType<string>().Where(s => s.Length > 0),
        _ => [],
    };
}

/// <summary>What an apply is about to generate, for the policy gate.</summary>
/// <param name="ProviderId">The provider, or null when the tool generates nothing.</param>
/// <param name="ModelId">The model.</param>
/// <param name="TrainingData">The model's effective training-data declaration.</param>
/// <param name="Codec">The delivery codec.</param>
/// <param name="Items">The items the tool runs on.</param>
/// <param name="Tool">The tool.</param>
/// <param name="Values">The tool's parameters (for the planned extension length).</param>
/// <param name="Runs">Runs per item (variations).</param>
public sealed record PlannedGeneration(string? ProviderId, string? ModelId, string TrainingData, DeliveryCodec Codec,
    IReadOnlyList<Item> Items, ToolDescriptor Tool, ControlValues Values, int Runs);

/// <summary>Checks a <see cref="StudioPolicy"/> before generation (<c>editing apply</c>) and on a finished timeline
/// (<c>editing check</c>). Every violation is returned, not only the first.</summary>
public static class PolicyChecker
{
    /// <summary>Checks an apply before anything is generated: provider, model, training data, likeness of the items
    /// and of the neighbours whose frames the tool reads, codec, and the generated share each track would reach.</summary>
    public static IReadOnlyList<PolicyViolation> BeforeGeneration(StudioPolicy policy, Timeline timeline, string timelinePath, PlannedGeneration plan)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(plan);
        var violations = new List<PolicyViolation>();
        if (plan.ProviderId is { } provider)
        {
            Add(violations, "providers", "", policy.ProviderProblem(provider));
            Add(violations, "models", "", policy.ModelProblem(provider, plan.ModelId ?? ""));
            Add(violations, "training_data", "", policy.TrainingDataProblem(provider, plan.ModelId ?? "", plan.TrainingData));
        }

        Add(violations, "delivery_codecs", "", policy.CodecProblem(plan.Codec));
        if (policy.RequireLikenessConsent)
        {
            var seen = new HashSet<Item>(ReferenceEqualityComparer.Instance);
            foreach (var item in plan.Items)
            {
                var sources = new List<(Item Item, string Role)> { (item, "selected") };
                if (plan.Tool.Inputs.Contains(ToolInput.NeighbourFrames) && item.Parent is Track track)
                {
                    var index = track.Children.IndexOfReference(item);
                    if (Neighbour(track, index, -1) is { } previous)
                    {
                        sources.Add((previous, $"previous clip of {Name(item)}"));
                    }

                    if (Neighbour(track, index, +1) is { } next)
                    {
                        sources.Add((next, $"next clip of {Name(item)}"));
                    }
                }

                foreach (var (source, role) in sources)
                {
                    var tags = LikenessTags.Of(source);
                    if (tags.LacksConsent && seen.Add(source))
                    {
                        violations.Add(new PolicyViolation("likeness", Name(source),
                            $"the shot is tagged as showing {string.Join(", ", tags.Persons)} and has no consent record reference; nothing may be generated from it ({role})"));
                    }
                }
            }
        }

        if (policy.MaxGeneratedShare is { } max && plan.ProviderId is not null)
        {
            var inventory = GeneratedInventory.Of(timeline, timelinePath);
            foreach (var totals in inventory.Tracks)
            {
                var track = (Track)timeline.Tracks!.Children[totals.TrackIndex];
                long planned = 0;
                foreach (var item in plan.Items.Where(i => ReferenceEquals(i.Parent, track)))
                {
                    planned += PlannedFrames(item, plan, inventory.Rate);
                }

                var runtime = totals.RuntimeFrames + (plan.Tool.Id.EndsWith("extend", StringComparison.Ordinal) ? planned : 0);
                var share = runtime > 0 ? (double)(totals.GeneratedFrames + planned) / runtime : 0;
                if (planned > 0 && share > max)
                {
                    violations.Add(new PolicyViolation("max_generated_share", totals.Track,
                        $"{totals.GeneratedFrames + planned} of {runtime} frames would be generated ({share:P1}); the policy allows {max:P1}"));
                }
            }
        }

        return violations;
    }

    /// <summary>Checks a finished timeline for delivery QC: every generated segment's provider, model, training data,
    /// likeness consent and codec, and each track's generated share.</summary>
    public static IReadOnlyList<PolicyViolation> Timeline(StudioPolicy policy, Timeline timeline, string timelinePath)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeline);
        var violations = new List<PolicyViolation>();
        var inventory = GeneratedInventory.Of(timeline, timelinePath);
        var tracks = timeline.Tracks?.Children.OfType<Track>().ToList() ?? [];
        foreach (var s in inventory.Segments)
        {
            var where = $"{s.Track} {s.Shot} {s.TimecodeIn}-{s.TimecodeOut}";
            Add(violations, "providers", where, policy.ProviderProblem(s.Provider));
            Add(violations, "models", where, policy.ModelProblem(s.Provider, s.Model));
            Add(violations, "training_data", where, policy.TrainingDataProblem(s.Provider, s.Model, s.TrainingData));
            var clip = (Clip)tracks[s.TrackIndex].Children[s.ItemIndex];
            var block = (OtioDictionary)clip.MediaReference!.Metadata[TimelineEditor.Namespace]!;
            if (block.TryGetValue("codec", out var c) && c is string codecName && DeliveryCodecs.TryParse(codecName, out var codec))
            {
                Add(violations, "delivery_codecs", where, policy.CodecProblem(codec));
            }

            if (policy.RequireLikenessConsent)
            {
                // The shot itself, or the clip an extension continues.
                var tags = LikenessTags.Of(clip);
                if (tags.Persons.Count == 0 && clip.Metadata.TryGetValue(TimelineEditor.Namespace, out var ns) && ns is OtioDictionary own
                    && own.TryGetValue("source_clip", out var sc) && sc is string sourceName
                    && tracks[s.TrackIndex].Children.OfType<Clip>().FirstOrDefault(x => x.Name == sourceName) is { } source)
                {
                    tags = LikenessTags.Of(source);
                }

                if (tags.LacksConsent)
                {
                    violations.Add(new PolicyViolation("likeness", where, $"generated from a shot showing {string.Join(", ", tags.Persons)} without a consent record reference"));
                }
            }
        }

        if (policy.MaxGeneratedShare is { } max)
        {
            foreach (var t in inventory.Tracks.Where(t => t.Share > max))
            {
                violations.Add(new PolicyViolation("max_generated_share", t.Track, $"{t.GeneratedFrames} of {t.RuntimeFrames} frames are generated ({t.Share:P1}); the policy allows {max:P1}"));
            }
        }

        return violations;
    }

    private static long PlannedFrames(Item item, PlannedGeneration plan, double rate)
    {
        if (plan.Values.TryGetTime("duration", out var duration) && plan.Tool.Id.EndsWith("extend", StringComparison.Ordinal))
        {
            return (long)Math.Round(duration.RescaledTo(rate).Value);
        }

        var frames = (long)Math.Round(item.TrimmedRange().Duration.RescaledTo(rate).Value);
        // Replacing media that are already generated does not add to the share.
        return item is Clip { MediaReference: { } r } && GeneratedInventory.IsGenerated(r.Metadata) ? 0 : frames;
    }

    private static Item? Neighbour(Track track, int index, int step)
    {
        for (var i = index + step; i >= 0 && i < track.Children.Count; i += step)
        {
            switch (track.Children[i])
            {
                case Transition:
                    continue;
                case Clip clip:
                    return clip;
                default:
                    return null;
            }
        }

        return null;
    }

    private static string Name(Item item) => item.Name.Length > 0 ? item.Name : item.SchemaName.ToLowerInvariant();

    private static void Add(List<PolicyViolation> list, string rule, string where, string? problem)
    {
        if (problem is not null)
        {
            list.Add(new PolicyViolation(rule, where, problem));
        }
    }
}
