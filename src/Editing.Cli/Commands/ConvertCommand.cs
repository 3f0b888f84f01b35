using System.CommandLine;
using System.Globalization;
using Editing.Interchange;
using Editing.Interchange.Edl;
using Editing.Interchange.Fcp7;
using Editing.Otio;
using Editing.Otio.Bundles;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Cli.Commands;

/// <summary>
/// <c>editing convert IN OUT</c>: between .otio, .otioz, .otiod, CMX 3600 .edl and FCP 7 .xml (by extension, or
/// <c>--from</c>/<c>--to</c>), with the EDL reader options (<c>--rate</c>, <c>--ignore-timecode-mismatch</c>) and
/// writer options (<c>--edl-style</c>, <c>--reel-names</c>, <c>--flatten</c>).
/// </summary>
internal static class ConvertCommand
{
    private static readonly string[] Formats = ["otio", "otioz", "otiod", "edl", "fcp7xml"];

    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "The timeline to read (.otio, .otioz, .otiod, .edl, .xml)." };
        var output = new Argument<string>("out") { Description = "The file to write; its extension picks the format. Written atomically; never the input." };
        var target = new Option<string>("--target")
        {
            Description = "Schema versions to write: 0.18 (default; what NLEs read today), latest (Marker.3), 0.14 (Clip.1), or resolve (for DaVinci Resolve's importer: one media reference per clip under DEFAULT_MEDIA, absolute paths, Resolve_OTIO metadata kept).",
            DefaultValueFactory = _ => "0.18",
        };
        var mediaPolicy = new Option<string>("--media-policy")
        {
            Description = "Writing .otioz/.otiod: error-if-not-file (default: every media reference must be a local file, which is copied in), missing-if-not-file (others become MissingReferences that keep their URL in metadata), all-missing (no media copied).",
            DefaultValueFactory = _ => "error-if-not-file",
        };
        var from = new Option<string?>("--from") { Description = "Input format when the extension does not say: otio, otioz, otiod, edl, fcp7xml." };
        var to = new Option<string?>("--to") { Description = "Output format when the extension does not say: otio, otioz, otiod, edl, fcp7xml." };
        var rate = new Option<string?>("--rate") { Description = "Reading EDL: the frame rate of its timecodes (default 24): 24, 25, 30, 48, 50, 60, 23.976, 29.97, 59.94 or a fraction such as 30000/1001." };
        var ignoreMismatch = new Option<bool>("--ignore-timecode-mismatch") { Description = "Reading EDL: keep events whose source and record durations differ (the source duration wins) and move overlapping events to the end of their track, instead of failing." };
        var edlStyle = new Option<string?>("--edl-style") { Description = "Writing EDL: avid (default; * FROM CLIP:), nucoda (* FROM FILE:) or premiere (reel AX)." };
        var reelNames = new Option<string?>("--reel-names") { Description = "Writing EDL: truncate (default; reel names made from clip or file names are cut to 8 letters and digits) or keep (long names kept, with a warning)." };
        var flatten = new Option<bool>("--flatten") { Description = "Writing EDL: flatten several video tracks into one (the top visible item wins) instead of refusing." };
        var cmd = new Command("convert", "Convert a timeline between .otio, .otioz, .otiod, CMX 3600 EDL and FCP 7 XML.")
        {
            input,
            output,
            target,
            mediaPolicy,
            from,
            to,
            rate,
            ignoreMismatch,
            edlStyle,
            reelNames,
            flatten,
        };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var inPath = parse.GetValue(input)!;
            var outPath = parse.GetValue(output)!;
            OtioWriteTarget writeTarget;
            var targetLabel = parse.GetValue(target) ?? "0.18";
            var profile = Editing.Host.Export.WriteProfiles.IsProfile(targetLabel) ? targetLabel : null;
            try
            {
                writeTarget = profile is null ? OtioWriteTarget.Parse(targetLabel) : OtioWriteTarget.Release018;
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            var inFormat = FormatOf(inPath, parse.GetValue(from), "--from");
            var outFormat = FormatOf(outPath, parse.GetValue(to), "--to");
            if (string.Equals(Path.GetFullPath(inPath), Path.GetFullPath(outPath), StringComparison.Ordinal))
            {
                throw new UsageException($"{outPath}: refusing to overwrite the input; write to another file");
            }
            var policy = parse.GetValue(mediaPolicy) switch
            {
                "error-if-not-file" or null => OtioBundleMediaPolicy.ErrorIfNotFile,
                "missing-if-not-file" => OtioBundleMediaPolicy.MissingIfNotFile,
                "all-missing" => OtioBundleMediaPolicy.AllMissing,
                var other => throw new UsageException($"unknown media policy '{other}' (use error-if-not-file, missing-if-not-file or all-missing)"),
            };
            var readOptions = EdlReadOptionsFrom(inFormat, parse.GetValue(rate), parse.GetValue(ignoreMismatch));
            var writeOptions = EdlWriteOptionsFrom(outFormat, parse.GetValue(edlStyle), parse.GetValue(reelNames), parse.GetValue(flatten));
            try
            {
                var root = inFormat switch
                {
                    "edl" => CmxEdl.ReadFile(inPath, readOptions),
                    "fcp7xml" => Fcp7Xml.ReadFile(inPath),
                    "otioz" => OtioBundle.ReadOtioz(inPath, null),
                    "otiod" => OtioBundle.ReadOtiod(inPath, null),
                    _ => OtioJson.ReadFile(inPath),
                };
                if (profile is not null)
                {
                    // URLs are still relative to the input's folder: the profile makes them absolute from there.
                    root = root is Timeline timeline
                        ? Editing.Host.Export.WriteProfiles.Apply(timeline, profile, Path.GetDirectoryName(Path.GetFullPath(inPath)))
                        : throw new UsageException($"--target {profile} writes a Timeline; {inPath} holds a {root.SchemaName}");
                }

                Write(root, outPath, outFormat, writeOptions, new OtioWriteOptions { Target = writeTarget }, new OtioBundleWriteOptions
                {
                    MediaPolicy = policy,
                    // Relative media paths in a timeline are relative to the timeline's folder, not to where the command runs.
                    RelativeMediaBaseDir = Path.GetDirectoryName(Path.GetFullPath(inPath)),
                });
            }
            catch (InterchangeException e)
            {
                Console.Error.WriteLine($"editing: {e.Message}");
                return e.Kind == InterchangeErrorKind.InvalidOption ? ExitCodes.Usage : ExitCodes.BadInput;
            }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine($"editing: {e.FileName ?? inPath}: no such file");
                return ExitCodes.BadInput;
            }
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static void Write(SerializableObject root, string outPath, string format, EdlWriteOptions edl, OtioWriteOptions otio, OtioBundleWriteOptions bundle)
    {
        switch (format)
        {
            case "edl":
                CmxEdl.WriteFile(SingleTimeline(root, outPath, "an EDL"), outPath, edl);
                break;
            case "fcp7xml":
                Fcp7Xml.WriteFile(root, outPath);
                break;
            case "otioz":
                OtioBundle.WriteOtioz(root, outPath, bundle with { WriteOptions = otio });
                break;
            case "otiod":
                OtioBundle.WriteOtiod(root, outPath, bundle with { WriteOptions = otio });
                break;
            default:
                OtioJson.WriteFile(root, outPath, otio);
                break;
        }
    }

    private static Timeline SingleTimeline(SerializableObject root, string outPath, string what) => root switch
    {
        Timeline t => t,
        SerializableCollection { Children.Count: 1 } c when c.Children[0] is Timeline only => only,
        _ => throw new InterchangeException(InterchangeErrorKind.NotSupported, outPath, 0, 0,
            $"{what} holds one timeline; the input is a {root.SchemaName} (convert one sequence at a time)"),
    };

    /// <summary>The format from <c>--from</c>/<c>--to</c>, else from the extension (.edl, .xml, .otio/.json, .otioz, .otiod).</summary>
    private static string FormatOf(string path, string? explicitFormat, string flag)
    {
        if (explicitFormat is not null)
        {
            var f = explicitFormat.Trim().ToLowerInvariant();
            if (f is "xml" or "fcp7" or "xmeml")
            {
                f = "fcp7xml";
            }
            return Formats.Contains(f) ? f : throw new UsageException($"unknown format '{explicitFormat}' for {flag} (use {string.Join(", ", Formats)})");
        }
        var ext = Path.GetExtension(Path.TrimEndingDirectorySeparator(path)).ToLowerInvariant();
        return ext switch
        {
            ".edl" => "edl",
            ".xml" => "fcp7xml",
            ".otio" or ".json" => "otio",
            ".otioz" => "otioz",
            ".otiod" => "otiod",
            _ => throw new UsageException($"{path}: unknown timeline format '{ext}' (expected .otio, .otioz, .otiod, .edl or .xml, or say {flag} FORMAT)"),
        };
    }

    private static EdlReadOptions EdlReadOptionsFrom(string inFormat, string? rateText, bool ignoreMismatch)
    {
        if (inFormat != "edl")
        {
            if (rateText is not null || ignoreMismatch)
            {
                throw new UsageException("--rate and --ignore-timecode-mismatch apply when reading an EDL");
            }
            return EdlReadOptions.Default;
        }
        return new EdlReadOptions
        {
            Rate = rateText is null ? 24 : ParseRate(rateText),
            IgnoreTimecodeMismatch = ignoreMismatch,
        };
    }

    /// <summary>
    /// An SMPTE rate from <c>24</c>, <c>29.97</c>, <c>30000/1001</c>…: the decimal NTSC spellings mean the exact
    /// fractions (29.97 → 30000/1001), which is what the EDL reader needs (it accepts exact SMPTE rates only).
    /// </summary>
    internal static double ParseRate(string text)
    {
        var t = text.Trim();
        double rate;
        var slash = t.IndexOf('/');
        if (slash > 0
            && double.TryParse(t[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
            && double.TryParse(t[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var den)
            && den != 0)
        {
            rate = num / den;
        }
        else if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            rate = plain switch
            {
                23.976 or 23.98 => 24000.0 / 1001,
                29.97 => 30000.0 / 1001,
                47.952 or 47.95 => 48000.0 / 1001,
                59.94 => 60000.0 / 1001,
                _ => plain,
            };
        }
        else
        {
            throw new UsageException($"--rate '{text}' is not a number or fraction (e.g. 24, 25, 29.97, 30000/1001)");
        }
        if (rate <= 0 || !RationalTime.IsSmpteTimecodeRate(rate))
        {
            throw new UsageException($"--rate '{text}' is not an SMPTE timecode rate (use 23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60 or a fraction such as 30000/1001)");
        }
        return rate;
    }

    private static EdlWriteOptions EdlWriteOptionsFrom(string outFormat, string? style, string? reelNames, bool flatten)
    {
        if (outFormat != "edl")
        {
            if (style is not null || reelNames is not null || flatten)
            {
                throw new UsageException("--edl-style, --reel-names and --flatten apply when writing an EDL");
            }
            return EdlWriteOptions.Default;
        }
        EdlStyle edlStyle;
        try
        {
            edlStyle = style is null ? EdlStyle.Avid : EdlStyles.Parse(style);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        int? reelLength = reelNames?.Trim().ToLowerInvariant() switch
        {
            null or "truncate" => 8,
            "keep" => null,
            _ => throw new UsageException($"unknown --reel-names '{reelNames}' (use truncate or keep)"),
        };
        return new EdlWriteOptions
        {
            Style = edlStyle,
            ReelNameLength = reelLength,
            FlattenVideoTracks = flatten,
            Warn = message => Console.Error.WriteLine($"editing: warning: {message}"),
        };
    }
}
