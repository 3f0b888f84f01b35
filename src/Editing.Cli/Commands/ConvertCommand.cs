using System.CommandLine;
using Editing.Otio;
using Editing.Otio.Bundles;
using Editing.Otio.Serialization;

namespace Editing.Cli.Commands;

/// <summary><c>editing convert IN OUT [--target 0.18|latest]</c>: between .otio, .otioz and .otiod.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "The timeline to read (.otio, .otioz, .otiod)." };
        var output = new Argument<string>("out") { Description = "The file to write; its extension picks the format. Written atomically; never the input." };
        var target = new Option<string>("--target")
        {
            Description = "Schema versions to write: 0.18 (default; what NLEs read today), latest (Marker.3), or 0.14 (Clip.1).",
            DefaultValueFactory = _ => "0.18",
        };
        var mediaPolicy = new Option<string>("--media-policy")
        {
            Description = "Writing .otioz/.otiod: error-if-not-file (default: every media reference must be a local file, which is copied in), missing-if-not-file (others become MissingReferences that keep their URL in metadata), all-missing (no media copied).",
            DefaultValueFactory = _ => "error-if-not-file",
        };
        var cmd = new Command("convert", "Convert a timeline between .otio, .otioz and .otiod, choosing the OTIO schema versions written.")
        {
            input,
            output,
            target,
            mediaPolicy,
        };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var inPath = parse.GetValue(input)!;
            var outPath = parse.GetValue(output)!;
            OtioWriteTarget writeTarget;
            try
            {
                writeTarget = OtioWriteTarget.Parse(parse.GetValue(target) ?? "0.18");
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            TimelineFile.FormatOf(outPath);
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
            var root = TimelineFile.Read(inPath);
            var bundle = new OtioBundleWriteOptions
            {
                MediaPolicy = policy,
                // Relative media paths in a timeline are relative to the timeline's folder, not to where the command runs.
                RelativeMediaBaseDir = Path.GetDirectoryName(Path.GetFullPath(inPath)),
            };
            TimelineFile.Write(root, outPath, new OtioWriteOptions { Target = writeTarget }, bundle);
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
