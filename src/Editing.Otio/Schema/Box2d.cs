namespace Editing.Otio.Schema;

/// <summary>An axis-aligned 2D box (OTIO's <c>Box2d.1</c>), e.g. a media reference's <c>available_image_bounds</c>.</summary>
/// <param name="Min">The lower corner.</param>
/// <param name="Max">The upper corner.</param>
public readonly record struct Box2d(V2d Min, V2d Max);
