using System.Security.Cryptography;
using System.Text.Json;
using Editing.Host.Edits;
using Editing.Otio.Bundles;
using Editing.Otio.Schema;

namespace Editing.Host.Provenance;

/// <summary>What <c>editing verify</c> found for one generated media file.</summary>
public enum VerifyStatus
{
    /// <summary>The file exists and its SHA-256 matches its provenance record.</summary>
    Ok,

    /// <summary>The file's bytes differ from the ones its record describes.</summary>
    Modified,

    /// <summary>The file is gone.</summary>
    Missing,

    /// <summary>The timeline says the media were generated but there is no readable provenance record for them.</summary>
    Unrecorded,
}

/// <summary>One generated media reference checked.</summary>
/// <param name="Clip">The clip's name.</param>
/// <param name="Where">Track and index, e.g. <c>V1[3]</c>.</param>
/// <param name="ReferenceKey">The media reference key (<c>DEFAULT_MEDIA</c>, <c>variant_v002</c>...).</param>
/// <param name="MediaPath">The media file (absolute).</param>
/// <param name="ProvenancePath">The sidecar (absolute), or empty when the timeline names none.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Detail">Why, in a sentence.</param>
public sealed record VerifiedMedia(string Clip, string Where, string ReferenceKey, string MediaPath, string ProvenancePath, VerifyStatus Status, string Detail);

/// <summary>
/// <c>editing verify</c>: re-hashes every generated media file a timeline refers to (active references and variants)
/// and compares it with its provenance record; reports modified, missing and unrecorded generated media.
/// </summary>
public static class MediaVerifier
{
    /// <summary>Checks every generated media reference of <paramref name="timeline"/> (read from
    /// <paramref name="timelinePath"/>, against which relative URLs resolve).</summary>
    public static async Task<IReadOnlyList<VerifiedMedia>> VerifyAsync(Timeline timeline, string timelinePath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var folder = Path.GetDirectoryName(Path.GetFullPath(timelinePath)) ?? ".";
        var results = new List<VerifiedMedia>();
        var tracks = timeline.Tracks?.Children.OfType<Track>().ToList() ?? [];
        for (var t = 0; t < tracks.Count; t++)
        {
            var track = tracks[t];
            var label = track.Name.Length > 0 ? track.Name : $"track {t}";
            foreach (var (clip, index) in Clips(track))
            {
                foreach (var (key, reference) in clip.MediaReferences)
                {
                    if (!reference.Metadata.TryGetValue(TimelineEditor.Namespace, out var value) || value is not OtioDictionary block
                        || !(GeneratedInventory.IsGenerated(reference.Metadata) || block.ContainsKey("provenance") || block.ContainsKey("sha256")))
                    {
                        continue;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    results.Add(await CheckAsync(folder, clip.Name, $"{label}[{index}]", key, reference, block, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return results;
    }

    private static IEnumerable<(Clip Clip, string Index)> Clips(Composition composition)
    {
        for (var i = 0; i < composition.Children.Count; i++)
        {
            switch (composition.Children[i])
            {
                case Clip c:
                    yield return (c, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case Composition nested:
                    foreach (var (c, inner) in Clips(nested))
                    {
                        yield return (c, $"{i}.{inner}");
                    }

                    break;
            }
        }
    }

    private static async Task<VerifiedMedia> CheckAsync(string folder, string clip, string where, string key, MediaReference reference,
        OtioDictionary block, CancellationToken cancellationToken)
    {
        var url = (reference as ExternalReference)?.TargetUrl ?? "";
        var file = OtioBundle.FileFromUrl(url) ?? url;
        var media = file.Length == 0 ? "" : Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(folder, file));
        var sidecarUrl = block.TryGetValue("provenance", out var p) && p is string s ? s : "";
        var sidecar = sidecarUrl.Length == 0 ? "" : Path.IsPathRooted(sidecarUrl) ? sidecarUrl : Path.GetFullPath(Path.Combine(folder, sidecarUrl));
        VerifiedMedia Result(VerifyStatus status, string detail) => new(clip, where, key, media, sidecar, status, detail);

        if (media.Length == 0 || !File.Exists(media))
        {
            return Result(VerifyStatus.Missing, media.Length == 0 ? "the reference has no file URL" : "the media file does not exist");
        }

        if (sidecar.Length == 0)
        {
            return Result(VerifyStatus.Unrecorded, "the timeline names no provenance record for these generated media");
        }

        if (!File.Exists(sidecar))
        {
            return Result(VerifyStatus.Unrecorded, "the provenance record (sidecar) does not exist");
        }

        string? recorded;
        try
        {
            using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(sidecar, cancellationToken).ConfigureAwait(false));
            recorded = doc.RootElement.TryGetProperty("output", out var output) && output.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String
                ? sha.GetString()
                : null;
        }
        catch (JsonException e)
        {
            return Result(VerifyStatus.Unrecorded, $"the provenance record is not valid JSON (line {(e.LineNumber ?? 0) + 1})");
        }

        if (recorded is null)
        {
            return Result(VerifyStatus.Unrecorded, "the provenance record has no output.sha256");
        }

        string actual;
        await using (var stream = File.OpenRead(media))
        {
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        if (!string.Equals(actual, recorded, StringComparison.OrdinalIgnoreCase))
        {
            return Result(VerifyStatus.Modified, $"SHA-256 is {actual[..12]}…, the record says {recorded[..Math.Min(12, recorded.Length)]}…");
        }

        if (block.TryGetValue("sha256", out var inTimeline) && inTimeline is string timelineSha && !string.Equals(timelineSha, recorded, StringComparison.OrdinalIgnoreCase))
        {
            return Result(VerifyStatus.Modified, "the file matches its sidecar but not the SHA-256 the timeline recorded (the sidecar was replaced)");
        }

        return Result(VerifyStatus.Ok, "matches its provenance record");
    }
}
