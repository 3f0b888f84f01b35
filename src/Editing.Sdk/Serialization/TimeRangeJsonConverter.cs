using System.Text.Json;
using System.Text.Json.Serialization;
using Editing.Otio.OpenTime;

namespace Editing.Sdk.Serialization;

/// <summary>TimeRange as <c>{"start_time": {...}, "duration": {...}}</c>.</summary>
internal sealed class TimeRangeJsonConverter : JsonConverter<TimeRange>
{
    private static readonly RationalTimeJsonConverter Time = new();

    public override TimeRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a time range must be an object {\"start_time\": ..., \"duration\": ...}");
        }

        RationalTime? start = null, duration = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "start_time":
                    start = Time.Read(ref reader, typeof(RationalTime), options);
                    break;
                case "duration":
                    duration = Time.Read(ref reader, typeof(RationalTime), options);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (start is null || duration is null)
        {
            throw new JsonException("a time range needs both \"start_time\" and \"duration\"");
        }

        return new TimeRange(start.Value, duration.Value);
    }

    public override void Write(Utf8JsonWriter writer, TimeRange value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("start_time");
        Time.Write(writer, value.StartTime, options);
        writer.WritePropertyName("duration");
        Time.Write(writer, value.Duration, options);
        writer.WriteEndObject();
    }
}
