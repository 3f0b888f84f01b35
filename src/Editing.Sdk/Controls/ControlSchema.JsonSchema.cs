using System.Text;
using System.Text.Json;

namespace Editing.Sdk.Controls;

// The JSON Schema 2020-12 description of the values object, for `--json` descriptions and the review page's forms.
public sealed partial class ControlSchema
{
    /// <summary>The JSON Schema dialect written by <see cref="ToJsonSchema()"/>.</summary>
    public const string JsonSchemaDialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>
    /// The values object as a JSON Schema 2020-12 document (indented):
    /// <c>{"$schema": ..., "type": "object", "properties": {id: subschema, ...}, "required": [...],
    /// "additionalProperties": false, "x-editing-order": [ids]}</c>. Properties appear in schema order (repeated in
    /// <c>x-editing-order</c> for readers that do not keep key order). Each subschema uses standard keywords (type,
    /// minimum, maximum, multipleOf, enum + oneOf with const/title, minLength/maxLength, minItems/maxItems, title,
    /// description, default) plus UI hints: <c>x-editing-type</c>, <c>x-editing-widget</c> (checkbox, slider, number,
    /// select, textarea, text, seed, timecode, color, point, rect, file, camera-motion, keyframes, list),
    /// <c>x-editing-soft-minimum</c>/<c>-maximum</c>, <c>x-editing-step</c>, <c>x-editing-unit</c>,
    /// <c>x-editing-length-unit</c>, <c>x-editing-role</c>, <c>x-editing-coordinate-system</c>,
    /// <c>x-editing-time-kind</c>, <c>x-editing-media-kind</c>, <c>x-editing-interpolation</c>,
    /// <c>x-editing-group</c> and <c>x-editing-advanced</c>.
    /// </summary>
    public string ToJsonSchema()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            WriteJsonSchema(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the document <see cref="ToJsonSchema()"/> returns, e.g. inside a larger tool description.</summary>
    public void WriteJsonSchema(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("$schema", JsonSchemaDialect);
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        foreach (var p in Parameters)
        {
            writer.WritePropertyName(p.Id);
            p.WriteJsonSchema(writer);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("required");
        foreach (var p in Parameters.Where(p => p.Required))
        {
            writer.WriteStringValue(p.Id);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteStartArray("x-editing-order");
        foreach (var p in Parameters)
        {
            writer.WriteStringValue(p.Id);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
