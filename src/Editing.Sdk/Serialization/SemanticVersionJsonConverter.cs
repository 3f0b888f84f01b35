using System.Text.Json;
using System.Text.Json.Serialization;
using Editing.Sdk.Versioning;

namespace Editing.Sdk.Serialization;

/// <summary>SemanticVersion as its text, <c>"1.2.0"</c>.</summary>
internal sealed class SemanticVersionJsonConverter : JsonConverter<SemanticVersion>
{
    public override SemanticVersion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && SemanticVersion.TryParse(reader.GetString(), out var v)
            ? v
            : throw new JsonException("a version must be a string like \"1.2.0\"");

    public override void Write(Utf8JsonWriter writer, SemanticVersion value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
