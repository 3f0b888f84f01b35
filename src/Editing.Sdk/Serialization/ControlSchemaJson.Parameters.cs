using System.Text.Json;
using Editing.Otio.OpenTime;
using Editing.Sdk.Controls;

namespace Editing.Sdk.Serialization;

// One reader and one writer per parameter type. Optional values are written only when set, so a parameter written
// and read back has exactly the same properties.
internal sealed partial class ControlSchemaJson
{
    private static readonly string[] KnownTypes =
    [
        "bool", "int", "float", "seed", "string", "enum", "time", "duration", "image", "mask", "frame", "video", "audio",
        "point", "rect", "color", "camera-motion", "keyframed", "array",
    ];

    internal static void WriteParameter(Utf8JsonWriter writer, ControlParameter parameter, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        writer.WriteStartObject();
        writer.WriteString("type", parameter.TypeName);
        writer.WriteString("id", parameter.Id);
        if (parameter.Label != parameter.Id)
        {
            writer.WriteString("label", parameter.Label);
        }

        WriteIfSet(writer, "description", parameter.Description);
        WriteIfSet(writer, "group", parameter.Group);
        if (parameter.Required)
        {
            writer.WriteBoolean("required", true);
        }

        if (parameter.Advanced)
        {
            writer.WriteBoolean("advanced", true);
        }

        switch (parameter)
        {
            case BoolParameter p:
                writer.WriteBoolean("default", p.Default);
                break;
            case IntParameter p:
                WriteNumber(writer, "minimum", p.Minimum);
                WriteNumber(writer, "maximum", p.Maximum);
                WriteNumber(writer, "soft_minimum", p.SoftMinimum);
                WriteNumber(writer, "soft_maximum", p.SoftMaximum);
                WriteNumber(writer, "step", p.Step);
                WriteIfSet(writer, "unit", p.Unit);
                WriteNumber(writer, "default", p.Default);
                break;
            case FloatParameter p:
                WriteNumber(writer, "minimum", p.Minimum);
                WriteNumber(writer, "maximum", p.Maximum);
                WriteNumber(writer, "soft_minimum", p.SoftMinimum);
                WriteNumber(writer, "soft_maximum", p.SoftMaximum);
                WriteNumber(writer, "step", p.Step);
                WriteIfSet(writer, "unit", p.Unit);
                WriteNumber(writer, "default", p.Default);
                break;
            case SeedParameter p:
                writer.WriteNumber("minimum", p.Minimum);
                writer.WriteNumber("maximum", p.Maximum);
                writer.WriteNumber("default", p.Default);
                break;
            case StringParameter p:
                WriteNumber(writer, "min_length", p.MinLength);
                WriteNumber(writer, "max_length", p.MaxLength);
                WriteValue(writer, "length_unit", p.LengthUnit, options);
                WriteValue(writer, "role", p.Role, options);
                if (p.Multiline)
                {
                    writer.WriteBoolean("multiline", true);
                }

                if (p.Default is { } text)
                {
                    writer.WriteString("default", text);
                }

                break;
            case EnumParameter p:
                WriteValue(writer, "options", p.Options, options);
                if (p.Default is { } choice)
                {
                    writer.WriteString("default", choice);
                }

                break;
            case TimeParameter p:
                WriteOptionalValue(writer, "minimum", p.Minimum, options);
                WriteOptionalValue(writer, "maximum", p.Maximum, options);
                WriteOptionalValue(writer, "default", p.Default, options);
                break;
            case MediaReferenceParameter p:
                WriteValue(writer, "role", p.Role, options);
                if (p.Extensions.Count > 0)
                {
                    WriteValue(writer, "extensions", p.Extensions, options);
                }

                WriteOptionalValue(writer, "default", p.Default, options);
                break;
            case PointParameter p:
                WriteValue(writer, "coordinate_system", p.CoordinateSystem, options);
                WriteOptionalValue(writer, "default", p.Default, options);
                break;
            case RectParameter p:
                WriteValue(writer, "coordinate_system", p.CoordinateSystem, options);
                WriteOptionalValue(writer, "default", p.Default, options);
                break;
            case ColorParameter p:
                if (p.HasAlpha)
                {
                    writer.WriteBoolean("has_alpha", true);
                }

                WriteOptionalValue(writer, "default", p.Default, options);
                break;
            case CameraMotionParameter p:
                WriteValue(writer, "default", p.Default, options);
                break;
            case KeyframedParameter p:
                writer.WritePropertyName("inner");
                WriteParameter(writer, p.Inner, options);
                WriteValue(writer, "interpolation", p.Interpolation, options);
                WriteOptionalValue(writer, "default", p.Default, options);
                if (p.Default is { } keys && keys.Interpolation != p.Interpolation)
                {
                    // A value's JSON form has no interpolation of its own (it takes the parameter's).
                    WriteValue(writer, "default_interpolation", keys.Interpolation, options);
                }

                break;
            case ArrayParameter p:
                writer.WritePropertyName("element");
                WriteParameter(writer, p.Element, options);
                WriteNumber(writer, "min_items", p.MinItems);
                WriteNumber(writer, "max_items", p.MaxItems);
                if (p.Default is { } items)
                {
                    writer.WriteStartArray("default");
                    foreach (var item in items)
                    {
                        item.WriteTo(writer);
                    }

                    writer.WriteEndArray();
                }

                break;
            default:
                throw new JsonException($"cannot write parameter type {parameter.GetType().Name} ('{parameter.TypeName}')");
        }

        writer.WriteEndObject();
    }

    internal static ControlParameter ReadParameter(JsonElement e, JsonSerializerOptions options)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a control parameter must be an object with \"type\" and \"id\"");
        }

        var type = String(e, "type") ?? throw new JsonException("a control parameter needs a \"type\"");
        var id = String(e, "id") ?? throw new JsonException($"a '{type}' control parameter needs an \"id\"");
        var c = new Common(String(e, "label") ?? "", String(e, "description") ?? "", String(e, "group") ?? "",
            Boolean(e, "required"), Boolean(e, "advanced"));
        try
        {
            return type switch
            {
                "bool" => new BoolParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    Default = Boolean(e, "default"),
                },
                "int" => new IntParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    Minimum = Int64(e, "minimum"),
                    Maximum = Int64(e, "maximum"),
                    SoftMinimum = Int64(e, "soft_minimum"),
                    SoftMaximum = Int64(e, "soft_maximum"),
                    Step = Int64(e, "step"),
                    Unit = String(e, "unit") ?? "",
                    Default = Int64(e, "default"),
                },
                "float" => new FloatParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    Minimum = Double(e, "minimum"),
                    Maximum = Double(e, "maximum"),
                    SoftMinimum = Double(e, "soft_minimum"),
                    SoftMaximum = Double(e, "soft_maximum"),
                    Step = Double(e, "step"),
                    Unit = String(e, "unit") ?? "",
                    Default = Double(e, "default"),
                },
                "seed" => new SeedParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    Minimum = Int64(e, "minimum") ?? 0,
                    Maximum = Int64(e, "maximum") ?? uint.MaxValue,
                    Default = Int64(e, "default") ?? 0,
                },
                "string" => new StringParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    MinLength = Int32(e, "min_length"),
                    MaxLength = Int32(e, "max_length"),
                    LengthUnit = Value<TextLengthUnit>(e, "length_unit", options),
                    Role = Value<TextRole>(e, "role", options),
                    Multiline = Boolean(e, "multiline"),
                    Default = String(e, "default"),
                },
                "enum" => new EnumParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    Options = Value<List<EnumOption>>(e, "options", options) ?? [],
                    Default = String(e, "default"),
                },
                "time" or "duration" => new TimeParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    Kind = type == "duration" ? TimeKind.Duration : TimeKind.Time,
                    Minimum = Value<RationalTime?>(e, "minimum", options),
                    Maximum = Value<RationalTime?>(e, "maximum", options),
                    Default = Value<RationalTime?>(e, "default", options),
                },
                "image" or "mask" or "frame" or "video" or "audio" => new MediaReferenceParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    Kind = ParseKebab<MediaKind>(type),
                    Role = e.TryGetProperty("role", out _) ? Value<MediaRole>(e, "role", options) : MediaRole.Reference,
                    Extensions = Value<List<string>>(e, "extensions", options) ?? [],
                    Default = Value<MediaReferenceValue>(e, "default", options),
                },
                "point" => new PointParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    CoordinateSystem = Value<CoordinateSystem>(e, "coordinate_system", options),
                    Default = Value<PointValue?>(e, "default", options),
                },
                "rect" => new RectParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    CoordinateSystem = Value<CoordinateSystem>(e, "coordinate_system", options),
                    Default = Value<RectValue?>(e, "default", options),
                },
                "color" => new ColorParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    HasAlpha = Boolean(e, "has_alpha"),
                    Default = Value<ColorValue?>(e, "default", options),
                },
                "camera-motion" => new CameraMotionParameter(id)
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    Default = Value<CameraMotion>(e, "default", options) ?? CameraMotion.None,
                },
                "keyframed" => new KeyframedParameter(id, Nested(e, "inner", options))
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    Interpolation = Value<KeyframeInterpolation>(e, "interpolation", options),
                    Default = Value<KeyframedValue>(e, "default", options)?.WithInterpolation(
                        Value<KeyframeInterpolation?>(e, "default_interpolation", options) ?? Value<KeyframeInterpolation>(e, "interpolation", options)),
                },
                "array" => new ArrayParameter(id, Nested(e, "element", options))
                {
                    Label = c.Label,
                    Description = c.Description,
                    Group = c.Group,
                    Required = c.Required,
                    Advanced = c.Advanced,
                    MinItems = Int32(e, "min_items"),
                    MaxItems = Int32(e, "max_items"),
                    Default = e.TryGetProperty("default", out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToList() : null,
                },
                _ => throw new JsonException($"unknown control parameter type '{type}' (known: {string.Join(", ", KnownTypes)})"),
            };
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"invalid '{type}' control parameter '{id}': {ex.Message}", ex);
        }
    }

    private static ControlParameter Nested(JsonElement e, string name, JsonSerializerOptions options) =>
        e.TryGetProperty(name, out var inner) ? ReadParameter(inner, options) : throw new JsonException($"a '{String(e, "type")}' control parameter needs \"{name}\"");

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string value)
    {
        if (value.Length > 0)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteValue<T>(Utf8JsonWriter writer, string name, T value, JsonSerializerOptions options)
    {
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, value, options);
    }

    private static void WriteOptionalValue<T>(Utf8JsonWriter writer, string name, T? value, JsonSerializerOptions options)
    {
        if (value is not null)
        {
            WriteValue(writer, name, value, options);
        }
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Boolean(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static long? Int64(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.TryGetInt64(out var n) ? n : throw new JsonException($"\"{name}\" must be an integer, got {v.GetRawText()}")
            : null;

    private static int? Int32(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.TryGetInt32(out var n) ? n : throw new JsonException($"\"{name}\" must be an integer, got {v.GetRawText()}")
            : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static T? Value<T>(JsonElement e, string name, JsonSerializerOptions options) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.Deserialize<T>(options) : default;

    private static T ParseKebab<T>(string text)
        where T : struct, Enum =>
        Enum.GetValues<T>().First(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()) == text);

    private sealed record Common(string Label, string Description, string Group, bool Required, bool Advanced);
}
