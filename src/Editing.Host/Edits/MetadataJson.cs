using System.Globalization;
using System.Text.Json;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Host.Edits;

/// <summary>Converts OTIO metadata to and from JSON elements (for ClipContext snapshots and provenance blocks).</summary>
public static class MetadataJson
{
    /// <summary>The metadata as a JSON object element (schema objects as their OTIO JSON).</summary>
    public static JsonElement ToElement(OtioDictionary metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, metadata);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case double d:
                writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case OtioDictionary dict:
                writer.WriteStartObject();
                foreach (var (k, v) in dict)
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v);
                }

                writer.WriteEndObject();
                break;
            case OtioList list:
                writer.WriteStartArray();
                foreach (var v in list)
                {
                    WriteValue(writer, v);
                }

                writer.WriteEndArray();
                break;
            case SerializableObject o:
                using (var doc = JsonDocument.Parse(OtioJson.WriteString(o)))
                {
                    doc.RootElement.WriteTo(writer);
                }

                break;
            case RationalTime t:
                writer.WriteStartObject();
                writer.WriteString("OTIO_SCHEMA", "RationalTime.1");
                writer.WriteNumber("rate", t.Rate);
                writer.WriteNumber("value", t.Value);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>
    /// A JSON value as OTIO metadata: objects become <see cref="OtioDictionary"/>, arrays <see cref="OtioList"/>,
    /// integral numbers <c>long</c>, other numbers <c>double</c>.
    /// </summary>
    public static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToDictionary(element),
        JsonValueKind.Array => ToList(element),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static OtioDictionary ToDictionary(JsonElement element)
    {
        var dict = new OtioDictionary();
        foreach (var p in element.EnumerateObject())
        {
            dict[p.Name] = FromElement(p.Value);
        }

        return dict;
    }

    private static OtioList ToList(JsonElement element)
    {
        var list = new OtioList();
        foreach (var v in element.EnumerateArray())
        {
            list.Add(FromElement(v));
        }

        return list;
    }
}
