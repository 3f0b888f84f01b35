using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;

namespace Studio.MyTool;

/// <summary>
/// <c>studio.mytool.tint</c>: reads the clip's used frames through the host's media services, tints them towards a
/// look, adds seeded grain and an optional vignette, and makes the result the clip's active media (the original stays
/// as another media reference). Deterministic: the same clip, values and seed give the same pixels.
/// </summary>
/// <remarks>
/// The host creates one instance with the public parameterless constructor, reads <see cref="Descriptor"/> (keep it
/// pure: no I/O, same answer every time), validates values against the schema, calls <see cref="Validate"/>, and only
/// then <see cref="RunAsync"/>. Parameter ids are persisted in job files and provenance: never rename one; add a new
/// one and bump the version instead.
/// </remarks>
public sealed class TintTool : IControllableTool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "studio.mytool.tint",
        Version = SemanticVersion.Parse("1.0.0"),
        DisplayName = "Tint",
        Description = "Tints the clip towards a look, with seeded grain and an optional vignette.",
        Applications = [ToolApplication.Replace],
        Targets = [ItemKind.Clip],
        Inputs = [ToolInput.SourceMedia],
        Deterministic = true,
        Schema = new ControlSchema(
            new EnumParameter("look")
            {
                Label = "Look",
                Description = "The colour the frames move towards.",
                Options =
                [
                    new EnumOption("warm", "Warm", "More red, less blue."),
                    new EnumOption("cool", "Cool", "More blue, less red."),
                    new EnumOption("bleach", "Bleach bypass", "Less saturation, more contrast."),
                ],
                Default = "warm",
            },
            new FloatParameter("strength")
            {
                Label = "Strength",
                Description = "How far the frames move towards the look: 0 leaves them, 1 applies it fully.",
                Minimum = 0,
                Maximum = 1,
                SoftMaximum = 0.8,
                Default = 0.35,
            },
            new IntParameter("grain")
            {
                Label = "Grain",
                Description = "Grain amplitude in 8-bit code values (0 for none).",
                Minimum = 0,
                Maximum = 64,
                SoftMaximum = 24,
                Default = 6,
                Unit = "cv",
            },
            new BoolParameter("vignette")
            {
                Label = "Vignette",
                Description = "Darken the corners.",
                Default = true,
            },
            new SeedParameter("seed")
            {
                Label = "Seed",
                Description = "The grain pattern; the same seed gives the same grain.",
            }),
    };

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var issues = new List<ValidationIssue>();
        if (clip.Kind != ItemKind.Clip)
        {
            issues.Add(ValidationIssue.Error("", $"{Descriptor.Id} works on clips; '{clip.Name}' ({clip.ItemPath}) is a {clip.Kind.ToString().ToLowerInvariant()}"));
        }
        else if (clip.Media is not { Exists: true })
        {
            issues.Add(ValidationIssue.Error("", $"clip '{clip.Name}' ({clip.ItemPath}) has no media on disk to tint"));
        }

        if (clip.DurationFrames <= 0)
        {
            issues.Add(ValidationIssue.Error("", $"clip '{clip.Name}' ({clip.ItemPath}) is zero frames long"));
        }

        return issues;
    }

    /// <inheritdoc />
    public async Task<ToolResult> RunAsync(ClipContext clip, ControlValues values, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(context);

        // The host has validated and normalized the values (defaults filled in), so every Get succeeds.
        var look = values.GetString("look");
        var strength = values.GetDouble("strength");
        var grain = (int)values.GetInt64("grain");
        var vignette = values.GetBool("vignette");
        var seed = values.GetSeed("seed");

        var media = clip.Media ?? throw new PluginException($"clip '{clip.Name}' has no media");
        var firstFrame = media.FileFrameOf(clip.SourceRange.StartTime);
        var count = checked((int)clip.DurationFrames);
        var output = Path.Combine(context.ScratchDirectory, "tint.mov");
        context.Logger.Log(PluginLogLevel.Information, $"tinting {count} frames of {media.Path} from file frame {firstFrame} ({look}, {strength})");

        var spec = new VideoWriteSpec { Size = clip.Size, Rate = clip.Rate, FrameCount = count };
        await using (var writer = context.Media.CreateWriter(output, spec))
        {
            var index = 0;
            await foreach (var frame in context.Media.ReadFramesAsync(media.Path, firstFrame, count, clip.Size, FramePixelFormat.Rgb24, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(Process(frame, index, look, strength, grain, vignette, seed), cancellationToken);
                index++;
                context.ReportProgress((double)index / count, $"frame {index} of {count}");
            }

            if (index != count)
            {
                throw new PluginException($"{media.Path} gave {index} frames from frame {firstFrame}; the clip needs {count}");
            }

            await writer.CompleteAsync(cancellationToken);
        }

        return new ToolResult
        {
            Outputs =
            [
                new MediaOutput
                {
                    Id = "tint",
                    VideoPath = output,
                    FrameCount = count,
                    Label = "tint",
                    Ingredients = [new Ingredient(media.Path, "source", firstFrame, count)],
                },
            ],
            Edits = [new ReplaceActiveMedia { OutputId = "tint" }],
        };
    }

    /// <summary>One frame: tint, vignette, then grain. Pure: depends only on its arguments.</summary>
    private static VideoFrame Process(VideoFrame source, int frameIndex, string look, double strength, int grain, bool vignette, long seed)
    {
        var result = VideoFrame.Create(source.Width, source.Height, FramePixelFormat.Rgb24);
        var input = source.Pixels;
        var output = result.Pixels;
        var (cx, cy) = ((source.Width - 1) / 2.0, (source.Height - 1) / 2.0);
        var maxDistance = (cx * cx) + (cy * cy);
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < source.Width; x++)
            {
                var o = ((y * source.Width) + x) * 3;
                double r = input[o], g = input[o + 1], b = input[o + 2];
                var (tr, tg, tb) = Look(look, r, g, b);
                r += strength * (tr - r);
                g += strength * (tg - g);
                b += strength * (tb - b);
                if (vignette)
                {
                    var d = (((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) / maxDistance;
                    var factor = 1 - (0.35 * d);
                    (r, g, b) = (r * factor, g * factor, b * factor);
                }

                var n = grain == 0 ? 0 : grain * Noise(seed, frameIndex, x, y);
                output[o] = ToByte(r + n);
                output[o + 1] = ToByte(g + n);
                output[o + 2] = ToByte(b + n);
            }
        }

        return result;
    }

    private static (double R, double G, double B) Look(string look, double r, double g, double b) => look switch
    {
        "cool" => (r * 0.88, g, b * 1.12),
        "bleach" => Bleach(r, g, b),
        _ => (r * 1.1, g, b * 0.88),
    };

    /// <summary>Bleach bypass: 30% of the saturation, 1.25× contrast around mid-grey.</summary>
    private static (double R, double G, double B) Bleach(double r, double g, double b)
    {
        var luma = (0.2126 * r) + (0.7152 * g) + (0.0722 * b);
        return (Contrast(luma + (0.3 * (r - luma))), Contrast(luma + (0.3 * (g - luma))), Contrast(luma + (0.3 * (b - luma))));

        static double Contrast(double v) => 128 + (1.25 * (v - 128));
    }

    /// <summary>
    /// Grain in -1..1 from a fixed integer hash of (seed, frame, x, y), so the pattern never depends on a random number
    /// generator's implementation or on the order pixels are visited.
    /// </summary>
    private static double Noise(long seed, int frame, int x, int y)
    {
        var h = unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)frame * 0xC2B2AE3D27D4EB4FUL) ^ ((((ulong)(uint)y << 32) | (uint)x) * 0x165667B19E3779F9UL));
        h ^= h >> 33;
        h = unchecked(h * 0xFF51AFD7ED558CCDUL);
        h ^= h >> 33;
        h = unchecked(h * 0xC4CEB9FE1A85EC53UL);
        h ^= h >> 33;
        return ((h % 2001) / 1000.0) - 1;
    }

    private static byte ToByte(double value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);
}
