using Editing.Otio.OpenTime;
using Editing.Sdk.Providers;

namespace Editing.Host.Providers;

/// <summary>
/// What a tool is expected to ask of a model for one item, known before it runs: the mode, whether it will give a
/// first and/or last frame, and how long the result must be.
/// </summary>
/// <param name="Mode">The generation mode.</param>
/// <param name="NeedsFirstFrame">A first frame will be given.</param>
/// <param name="NeedsLastFrame">A last frame will be given.</param>
/// <param name="Duration">Length of the result on the timeline, or null when not known.</param>
public sealed record ExpectedGeneration(GenerationMode Mode, bool NeedsFirstFrame, bool NeedsLastFrame, RationalTime? Duration = null);
