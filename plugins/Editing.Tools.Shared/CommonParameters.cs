using Editing.Sdk.Controls;

namespace Editing.Tools.Shared;

/// <summary>
/// The parameters several built-in tools share, defined once so their ids, limits and help text agree. Each call makes
/// a new parameter object; the schema that holds it is built once per tool instance.
/// </summary>
internal static class CommonParameters
{
    /// <summary>Longest prompt accepted, in Unicode scalar values; providers with shorter limits say so.</summary>
    public const int MaxPromptLength = 2000;

    public static StringParameter Prompt(string description) => new("prompt")
    {
        Label = "Prompt",
        Description = description,
        Role = TextRole.Prompt,
        Multiline = true,
        MaxLength = MaxPromptLength,
        Default = "",
    };

    public static StringParameter NegativePrompt() => new("negative_prompt")
    {
        Label = "Negative prompt",
        Description = "What the generated frames should avoid.",
        Role = TextRole.NegativePrompt,
        Multiline = true,
        MaxLength = MaxPromptLength,
        Default = "",
        Advanced = true,
    };

    public static SeedParameter Seed() => new("seed")
    {
        Label = "Seed",
        Description = "The same seed, inputs and parameters give the same frames on a deterministic model.",
    };

    public static CameraMotionParameter CameraMotion() => new("camera_motion")
    {
        Label = "Camera motion",
        Description = "A camera move for the generated shot; ignored by models without camera controls.",
        Group = "Camera",
        Advanced = true,
    };

    public static FloatParameter Strength(double? defaultValue, double? softMinimum, double? softMaximum, string description) => new("strength")
    {
        Label = "Strength",
        Description = description,
        Minimum = 0,
        Maximum = 1,
        SoftMinimum = softMinimum,
        SoftMaximum = softMaximum,
        Default = defaultValue,
    };
}
