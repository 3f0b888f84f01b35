using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// A control value type with one JSON form. <see cref="TryRead"/> checks the shape only (ranges are the parameter's
/// job) and explains a refusal in words naming the expected form; <see cref="Write"/> writes the canonical form.
/// </summary>
internal interface IControlJsonValue<TSelf>
    where TSelf : IControlJsonValue<TSelf>
{
    /// <summary>Words for the expected JSON form, e.g. <c>[r, g, b, a] with numbers 0..1</c>.</summary>
    static abstract string JsonForm { get; }

    static abstract bool TryRead(JsonElement element, out TSelf value, out string error);

    void Write(Utf8JsonWriter writer);
}
