using System.Globalization;
using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>Small helpers shared by the parameter types: building JSON values, reading numbers, wording messages.</summary>
internal static class ControlJson
{
    public static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        return doc.RootElement.Clone();
    }

    /// <summary>Reads a control value type from its JSON form (shape only).</summary>
    public static bool TryRead<T>(JsonElement element, out T value, out string error)
        where T : IControlJsonValue<T> => T.TryRead(element, out value, out error);

    /// <summary>The canonical JSON form of a control value type.</summary>
    public static JsonElement ToJson<T>(T value)
        where T : IControlJsonValue<T> => Build(value.Write);

    public static JsonElement Number(long value) => Build(w => w.WriteNumberValue(value));

    public static JsonElement Number(double value) => Build(w => w.WriteNumberValue(value));

    public static JsonElement String(string value) => Build(w => w.WriteStringValue(value));

    public static JsonElement Bool(bool value) => Build(w => w.WriteBooleanValue(value));

    /// <summary>Parses <paramref name="text"/> as one JSON value (used where a text form also accepts JSON).</summary>
    public static bool TryParse(string text, out JsonElement value, out string error)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            value = doc.RootElement.Clone();
            error = "";
            return true;
        }
        catch (JsonException e)
        {
            value = default;
            error = "invalid JSON: " + e.Message;
            return false;
        }
    }

    /// <summary>
    /// An integral JSON number as a long. 2.0 and 2e0 count as the integer 2 (JSON Schema's "integer" is a number with
    /// no fractional part); 2.5 and numbers beyond ±2^63 do not.
    /// </summary>
    public static bool TryGetInteger(JsonElement element, out long value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (element.TryGetInt64(out value))
        {
            return true;
        }

        if (element.TryGetDecimal(out var d) && decimal.Truncate(d) == d && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    /// <summary>A finite JSON number.</summary>
    public static bool TryGetFinite(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>What a JSON value is, for "expected X, got Y" messages: <c>the string "abc"</c>, <c>the number 2.5</c>.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "the string " + Quote(element.GetString() ?? ""),
        JsonValueKind.Number => "the number " + element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "nothing",
    };

    public static string Quote(string text) => "\"" + (text.Length > 60 ? text[..57] + "..." : text) + "\"";

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseInteger(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>A finite decimal number in invariant culture (<c>0.5</c>, <c>-1e-3</c>); NaN and infinities refused.</summary>
    public static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string KebabList<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Kebab));

    public static bool TryParseKebab<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Kebab(candidate) == text)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Splits <paramref name="text"/> on <paramref name="separator"/>, trimming each part.</summary>
    public static string[] SplitTrim(string text, char separator) =>
        text.Split(separator, StringSplitOptions.TrimEntries);

    /// <summary>Checks an object's property names against the allowed ones; reports each unknown name.</summary>
    public static void CheckProperties(JsonElement obj, string path, IReadOnlyList<string> allowed, ICollection<ValidationIssue> issues)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                issues.Add(ValidationIssue.Error(path + "." + property.Name, $"unknown property '{property.Name}' (allowed: {string.Join(", ", allowed)})"));
            }
        }
    }

    /// <summary>The first property name not in <paramref name="allowed"/>, or null.</summary>
    public static string? FirstUnknownProperty(JsonElement obj, IReadOnlyList<string> allowed) =>
        obj.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !allowed.Contains(n));
}
