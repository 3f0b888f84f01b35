using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Editing.Media.Frames;
using Editing.Otio.Bundles;

namespace Editing.Host.Provenance;

/// <summary>
/// The AI-disclosure report of a timeline (<c>editing report</c>): every generated or partly generated segment with
/// record timecodes, track, shot, tool, model, training-data declaration, prompt and seed, and the generated duration
/// and share of runtime per track. Markdown, HTML (with a thumbnail per segment), CSV or JSON.
/// </summary>
public static class DisclosureReport
{
    /// <summary>The formats <see cref="WriteAsync"/> knows.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["md", "html", "csv", "json"];

    /// <summary>Writes the report in <paramref name="format"/> (one of <see cref="Formats"/>).</summary>
    public static async Task WriteAsync(GeneratedInventory inventory, string format, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case "md":
                WriteMarkdown(inventory, output);
                break;
            case "csv":
                WriteCsv(inventory, output);
                break;
            case "json":
                WriteJson(inventory, output);
                break;
            case "html":
                await WriteHtmlAsync(inventory, output, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentException($"unknown report format '{format}' (expected {string.Join(", ", Formats)})", nameof(format));
        }
    }

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Seconds(long frames, double rate) => (rate > 0 ? frames / rate : 0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Seed(GeneratedSegment s) => s.Seed?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Training(GeneratedSegment s) => s.Licence.Length > 0 ? $"{s.TrainingData} ({s.Licence})" : s.TrainingData;

    /// <summary>Markdown: a heading, the totals table and the segments table.</summary>
    public static void WriteMarkdown(GeneratedInventory inventory, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(w);
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
        w.WriteLine($"# AI disclosure: {Cell(inventory.TimelineName)}");
        w.WriteLine();
        w.WriteLine($"Timeline `{Path.GetFileName(inventory.TimelinePath)}`, {inventory.Rate.ToString(CultureInfo.InvariantCulture)} fps, runtime {inventory.RuntimeFrames} frames ({Seconds(inventory.RuntimeFrames, inventory.Rate)} s). "
            + $"{inventory.Segments.Count} generated or partly generated segment(s).");
        w.WriteLine();
        w.WriteLine("## Totals per track");
        w.WriteLine();
        w.WriteLine("| Track | Kind | Runtime (frames) | Generated (frames) | Generated (s) | Share of runtime |");
        w.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var t in inventory.Tracks)
        {
            w.WriteLine($"| {Cell(t.Track)} | {t.TrackKind} | {t.RuntimeFrames} | {t.GeneratedFrames} | {Seconds(t.GeneratedFrames, t.Rate)} | {Percent(t.Share)} |");
        }

        w.WriteLine();
        w.WriteLine("## Segments");
        w.WriteLine();
        w.WriteLine("Record out is exclusive (the frame after the segment), as in an EDL.");
        w.WriteLine();
        w.WriteLine("| # | Track | Shot | Record in | Record out | Frames | Source type | Tool | Provider / model | Training data | Prompt | Seed |");
        w.WriteLine("|---:|---|---|---|---|---:|---|---|---|---|---|---:|");
        var n = 0;
        foreach (var s in inventory.Segments)
        {
            w.WriteLine($"| {++n} | {Cell(s.Track)} | {Cell(s.Shot)} | {s.TimecodeIn} | {s.TimecodeOut} | {s.Frames} | {s.DigitalSourceType} | {Cell(s.Tool)} | {Cell(s.Provider)} / {Cell(s.Model)} | {Cell(Training(s))} | {Cell(s.Prompt)} | {Seed(s)} |");
        }
    }

    /// <summary>CSV (RFC 4180): one row per segment.</summary>
    public static void WriteCsv(GeneratedInventory inventory, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(w);
        static string Field(string text) =>
            text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
        w.Write("track,kind,shot,record_in,record_out,frames,seconds,digital_source_type,tool,provider,model,training_data,training_data_licence,prompt,seed,media\r\n");
        foreach (var s in inventory.Segments)
        {
            string[] fields = [s.Track, s.TrackKind, s.Shot, s.TimecodeIn, s.TimecodeOut, s.Frames.ToString(CultureInfo.InvariantCulture),
                Seconds(s.Frames, inventory.Rate), s.DigitalSourceType, s.Tool, s.Provider, s.Model, s.TrainingData, s.Licence, s.Prompt, Seed(s), s.MediaUrl];
            w.Write(string.Join(',', fields.Select(Field)));
            w.Write("\r\n");
        }
    }

    /// <summary>JSON: the inventory with totals, indented.</summary>
    public static void WriteJson(GeneratedInventory inventory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", "editing.disclosure/1");
            w.WriteString("timeline", inventory.TimelineName);
            w.WriteString("file", inventory.TimelinePath);
            w.WriteNumber("rate", inventory.Rate);
            w.WriteNumber("runtime_frames", inventory.RuntimeFrames);
            w.WriteStartArray("tracks");
            foreach (var t in inventory.Tracks)
            {
                w.WriteStartObject();
                w.WriteString("track", t.Track);
                w.WriteString("kind", t.TrackKind);
                w.WriteNumber("runtime_frames", t.RuntimeFrames);
                w.WriteNumber("generated_frames", t.GeneratedFrames);
                w.WriteNumber("generated_seconds", t.Rate > 0 ? t.GeneratedFrames / t.Rate : 0);
                w.WriteNumber("share", t.Share);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("segments");
            foreach (var s in inventory.Segments)
            {
                w.WriteStartObject();
                w.WriteString("track", s.Track);
                w.WriteString("kind", s.TrackKind);
                w.WriteString("shot", s.Shot);
                w.WriteString("record_in", s.TimecodeIn);
                w.WriteString("record_out", s.TimecodeOut);
                w.WriteNumber("frames", s.Frames);
                w.WriteString("digital_source_type", s.DigitalSourceType);
                w.WriteString("tool", s.Tool);
                w.WriteString("provider", s.Provider);
                w.WriteString("model", s.Model);
                w.WriteString("training_data", s.TrainingData);
                w.WriteString("training_data_licence", s.Licence);
                w.WriteString("prompt", s.Prompt);
                if (s.Seed is { } seed)
                {
                    w.WriteNumber("seed", seed);
                }
                else
                {
                    w.WriteNull("seed");
                }

                w.WriteString("media", s.MediaUrl);
                w.WriteString("provenance", s.ProvenanceUrl);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    /// <summary>A self-contained HTML page (styles and thumbnails inline) fit to print or hand over.</summary>
    public static async Task WriteHtmlAsync(GeneratedInventory inventory, TextWriter w, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(w);
        static string H(string text) => WebUtility.HtmlEncode(text);
        var folder = Path.GetDirectoryName(inventory.TimelinePath) ?? ".";
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.WriteLine($"<title>AI disclosure: {H(inventory.TimelineName)}</title>");
        w.WriteLine("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
            + "th,td{border:1px solid #bbb;padding:4px 8px;vertical-align:top;font-size:90%}th{background:#eee}td.n{text-align:right}"
            + "img{display:block;width:160px}</style></head><body>");
        w.WriteLine($"<h1>AI disclosure: {H(inventory.TimelineName)}</h1>");
        w.WriteLine($"<p>Timeline <code>{H(Path.GetFileName(inventory.TimelinePath))}</code>, {inventory.Rate.ToString(CultureInfo.InvariantCulture)} fps, runtime {inventory.RuntimeFrames} frames "
            + $"({Seconds(inventory.RuntimeFrames, inventory.Rate)} s); {inventory.Segments.Count} generated or partly generated segment(s). Record out is exclusive.</p>");
        w.WriteLine("<h2>Totals per track</h2><table id=\"totals\"><tr><th>Track</th><th>Kind</th><th>Runtime (frames)</th><th>Generated (frames)</th><th>Generated (s)</th><th>Share</th></tr>");
        foreach (var t in inventory.Tracks)
        {
            w.WriteLine($"<tr><td>{H(t.Track)}</td><td>{t.TrackKind}</td><td class=\"n\">{t.RuntimeFrames}</td><td class=\"n\">{t.GeneratedFrames}</td><td class=\"n\">{Seconds(t.GeneratedFrames, t.Rate)}</td><td class=\"n\">{Percent(t.Share)}</td></tr>");
        }

        w.WriteLine("</table>");
        w.WriteLine("<h2>Segments</h2><table id=\"segments\"><tr><th>#</th><th>Thumbnail</th><th>Track</th><th>Shot</th><th>Record in</th><th>Record out</th><th>Frames</th>"
            + "<th>Source type</th><th>Tool</th><th>Provider / model</th><th>Training data</th><th>Prompt</th><th>Seed</th></tr>");
        var n = 0;
        foreach (var s in inventory.Segments)
        {
            var thumbnail = await ThumbnailAsync(folder, s, cancellationToken).ConfigureAwait(false);
            var image = thumbnail is null ? "<em>media unavailable</em>" : $"<img alt=\"{H(s.Shot)}\" src=\"data:image/png;base64,{thumbnail}\">";
            w.WriteLine($"<tr class=\"segment\"><td class=\"n\">{++n}</td><td>{image}</td><td>{H(s.Track)}</td><td>{H(s.Shot)}</td><td>{s.TimecodeIn}</td><td>{s.TimecodeOut}</td>"
                + $"<td class=\"n\">{s.Frames}</td><td>{s.DigitalSourceType}</td><td>{H(s.Tool)}</td><td>{H(s.Provider)} / {H(s.Model)}</td><td>{H(Training(s))}</td>"
                + $"<td>{H(s.Prompt)}</td><td class=\"n\">{Seed(s)}</td></tr>");
        }

        w.WriteLine("</table></body></html>");
    }

    private static async Task<string?> ThumbnailAsync(string folder, GeneratedSegment segment, CancellationToken cancellationToken)
    {
        var file = OtioBundle.FileFromUrl(segment.MediaUrl);
        if (file is null)
        {
            return null;
        }

        var media = Path.IsPathRooted(file) ? file : Path.Combine(folder, file);
        if (!File.Exists(media))
        {
            return null;
        }

        var png = Path.Combine(Path.GetTempPath(), $"editing-thumb-{Guid.NewGuid():N}.png");
        try
        {
            await Thumbnails.ThumbnailAsync(media, segment.MediaFrame, 160, png, cancellationToken).ConfigureAwait(false);
            return Convert.ToBase64String(await File.ReadAllBytesAsync(png, cancellationToken).ConfigureAwait(false));
        }
        catch (Editing.Media.MediaException)
        {
            return null;
        }
        finally
        {
            File.Delete(png);
        }
    }
}
