using System.Text.Json;
using System.Text.Json.Serialization;

namespace Editing.Sdk.Controls;

/// <summary>
/// A position in the frame, in the <see cref="CoordinateSystem"/> of its <see cref="PointParameter"/> (origin top-left,
/// y down). JSON form: <c>{"x": 0.5, "y": 0.25}</c>.
/// </summary>
/// <param name="X">Horizontal position, rightwards from the left edge.</param>
/// <param name="Y">Vertical position, downwards from the top edge.</param>
[JsonConverter(typeof(ControlJsonValueConverter<PointValue>))]
public readonly record struct PointValue(double X, double Y) : IControlJsonValue<PointValue>
{
    internal static readonly string[] Names = ["x", "y"];

    static string IControlJsonValue<PointValue>.JsonForm => "{\"x\": number, \"y\": number}";

    static bool IControlJsonValue<PointValue>.TryRead(JsonElement element, out PointValue value, out string error)
    {
        var ok = ReadNumbers(element, Names, "point", out var n, out error);
        value = ok ? new PointValue(n[0], n[1]) : default;
        return ok;
    }

    void IControlJsonValue<PointValue>.Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("x", X);
        writer.WriteNumber("y", Y);
        writer.WriteEndObject();
    }

    /// <summary>Reads an object holding exactly the finite numbers <paramref name="names"/>.</summary>
    internal static bool ReadNumbers(JsonElement element, string[] names, string what, out double[] numbers, out string error)
    {
        numbers = new double[names.Length];
        var form = "{" + string.Join(", ", names.Select(n => $"\"{n}\": number")) + "}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a {what} {form}, got {ControlJson.Describe(element)}";
            return false;
        }

        if (ControlJson.FirstUnknownProperty(element, names) is { } unknown)
        {
            error = $"unknown property '{unknown}' in a {what} (expected {form})";
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (!element.TryGetProperty(names[i], out var item) || !ControlJson.TryGetFinite(item, out numbers[i]))
            {
                error = $"a {what} needs a finite number \"{names[i]}\" (expected {form})";
                return false;
            }
        }

        error = "";
        return true;
    }
}
