using System.Text.Json;
using System.Text.Json.Serialization;
using Editing.Sdk.Serialization;

namespace Editing.Sdk;

/// <summary>
/// JSON settings for every SDK type that crosses the worker protocol or is persisted (job files, provenance):
/// snake_case property names, enums as kebab-case strings, <see cref="Editing.Otio.OpenTime.RationalTime"/> as
/// <c>{"value": 48, "rate": 24}</c> and <see cref="Editing.Otio.OpenTime.TimeRange"/> as
/// <c>{"start_time": ..., "duration": ...}</c> (the OTIO field names, without <c>OTIO_SCHEMA</c>).
/// </summary>
public static class SdkJson
{
    /// <summary>The shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new RationalTimeJsonConverter());
        options.Converters.Add(new TimeRangeJsonConverter());
        options.Converters.Add(new SemanticVersionJsonConverter());
        options.Converters.Add(new ControlSchemaJson());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
