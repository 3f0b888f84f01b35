using System.Text.Json;
using System.Text.Json.Serialization;
using Editing.Otio.OpenTime;

namespace Editing.Sdk.Serialization;

/// <summary>RationalTime as <c>{"value": 48.0, "rate": 24.0}</c>.</summary>
internal sealed class RationalTimeJsonConverter : JsonConverter<RationalTime>
{
    public override RationalTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a time must be an object {\"value\": frames, \"rate\": fps}");
        }

        double? value = null, rate = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "value":
                    value = reader.GetDouble();
                    break;
                case "rate":
                    rate = reader.GetDouble();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (value is null || rate is null)
        {
            throw new JsonException("a time needs both \"value\" and \"rate\"");
        }

        return new RationalTime(value.Value, rate.Value);
    }

    public override void Write(Utf8JsonWriter writer, RationalTime value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("value", value.Value);
        writer.WriteNumber("rate", value.Rate);
        writer.WriteEndObject();
    }
}
