using System.Text.Json;
using System.Text.Json.Serialization;

namespace Editing.Sdk.Controls;

/// <summary>
/// System.Text.Json converter for control value types, so <see cref="ControlValues.With{T}"/>, provider requests and
/// job files all write the same JSON form the parameters validate.
/// </summary>
internal sealed class ControlJsonValueConverter<T> : JsonConverter<T>
    where T : IControlJsonValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return T.TryRead(doc.RootElement, out var value, out var error)
            ? value
            : throw new JsonException($"{error} (expected {T.JsonForm})");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => value.Write(writer);
}
