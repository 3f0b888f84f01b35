using System.Text.Json.Serialization;

namespace Editing.Sdk.Tools.Edits;

/// <summary>
/// A change a tool asks the host to make to the timeline; edits that place media refer to outputs by
/// <see cref="MediaOutput.Id"/> (see <see cref="OutputEdit"/>).
/// The host applies intents to the item the tool ran on; it never silently rewrites a source clip's range.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ReplaceActiveMedia), "replace-active-media")]
[JsonDerivedType(typeof(AddVariant), "add-variant")]
[JsonDerivedType(typeof(InsertClip), "insert-clip")]
[JsonDerivedType(typeof(FillGap), "fill-gap")]
[JsonDerivedType(typeof(ReplaceWithRender), "replace-with-render")]
[JsonDerivedType(typeof(SetActiveMedia), "set-active-media")]
public abstract record EditIntent
{
    private protected EditIntent()
    {
    }
}
