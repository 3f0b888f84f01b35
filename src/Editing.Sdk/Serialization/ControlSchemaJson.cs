using System.Text.Json;
using System.Text.Json.Serialization;
using Editing.Sdk.Controls;

namespace Editing.Sdk.Serialization;

/// <summary>
/// JSON for <see cref="ControlSchema"/> and every <see cref="ControlParameter"/> type, so a tool's full control schema
/// crosses the worker protocol and can be stored: a schema is <c>{"parameters": [...]}</c>, a parameter an object with
/// a <c>type</c> discriminator (its <see cref="ControlParameter.TypeName"/>: <c>bool</c>, <c>int</c>, <c>float</c>,
/// <c>seed</c>, <c>string</c>, <c>enum</c>, <c>time</c>, <c>duration</c>, <c>image</c>, <c>mask</c>, <c>frame</c>,
/// <c>video</c>, <c>audio</c>, <c>point</c>, <c>rect</c>, <c>color</c>, <c>camera-motion</c>, <c>keyframed</c>,
/// <c>array</c>), its <c>id</c>, the common fields (<c>label</c>, <c>description</c>, <c>group</c>, <c>required</c>,
/// <c>advanced</c>; written only when set) and its own fields in snake_case, e.g.
/// <c>{"type": "float", "id": "strength", "minimum": 0, "maximum": 1, "default": 0.5}</c>. Keyframed and array
/// parameters nest their inner parameter (<c>inner</c>, <c>element</c>). Every property round-trips; unknown fields are
/// ignored, an unknown <c>type</c> is an error. This is data about parameters, not the JSON Schema the schema
/// generates (<see cref="ControlSchema.ToJsonSchema"/>).
/// </summary>
internal sealed partial class ControlSchemaJson : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(ControlSchema) || typeof(ControlParameter).IsAssignableFrom(typeToConvert);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(ControlSchema)
            ? new SchemaConverter()
            : (JsonConverter?)Activator.CreateInstance(typeof(ParameterConverter<>).MakeGenericType(typeToConvert));

    private sealed class SchemaConverter : JsonConverter<ControlSchema>
    {
        public override ControlSchema Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("parameters", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("a control schema must be an object {\"parameters\": [...]}");
            }

            var parameters = list.EnumerateArray().Select(p => ReadParameter(p, options)).ToList();
            try
            {
                return new ControlSchema(parameters);
            }
            catch (ArgumentException e)
            {
                throw new JsonException("invalid control schema: " + e.Message, e);
            }
        }

        public override void Write(Utf8JsonWriter writer, ControlSchema value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("parameters");
            foreach (var parameter in value.Parameters)
            {
                WriteParameter(writer, parameter, options);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    private sealed class ParameterConverter<T> : JsonConverter<T>
        where T : ControlParameter
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var parameter = ReadParameter(document.RootElement, options);
            return parameter as T
                ?? throw new JsonException($"expected a {typeof(T).Name}, found a {parameter.GetType().Name} ('{parameter.TypeName}')");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            WriteParameter(writer, value, options);
    }
}
