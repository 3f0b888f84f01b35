using System.Text.Json;
using System.Text.Json.Serialization;

namespace Editing.Sdk.Controls;

/// <summary>
/// A colour with components 0..1 in the timeline's display colour space: display-referred, non-linear code values
/// (for an SDR Rec.709 timeline, the gamma-encoded values a colour picker shows; <c>#FF8000</c> is (1, 0.50196, 0)),
/// not scene-linear light. Alpha is straight (not premultiplied), 1 = opaque. JSON form: <c>[r, g, b, a]</c>
/// (<c>[r, g, b]</c> is read with a = 1).
/// </summary>
/// <param name="R">Red, 0..1.</param>
/// <param name="G">Green, 0..1.</param>
/// <param name="B">Blue, 0..1.</param>
/// <param name="A">Alpha (opacity), 0..1; 1 unless given.</param>
[JsonConverter(typeof(ControlJsonValueConverter<ColorValue>))]
public readonly record struct ColorValue(double R, double G, double B, double A = 1) : IControlJsonValue<ColorValue>
{
    static string IControlJsonValue<ColorValue>.JsonForm => "[r, g, b] or [r, g, b, a] with numbers 0..1";

    /// <summary>
    /// <c>#RRGGBBAA</c> with each component rounded to the nearest of 256 steps (components outside 0..1 are clamped).
    /// </summary>
    public string ToHex() => $"#{Byte(R):X2}{Byte(G):X2}{Byte(B):X2}{Byte(A):X2}";

    static bool IControlJsonValue<ColorValue>.TryRead(JsonElement element, out ColorValue value, out string error)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() is not (3 or 4))
        {
            error = $"expected a colour [r, g, b] or [r, g, b, a], got {ControlJson.Describe(element)}" +
                (element.ValueKind == JsonValueKind.Array ? $" of {element.GetArrayLength()} items" : "");
            return false;
        }

        Span<double> c = [0, 0, 0, 1];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (!ControlJson.TryGetFinite(item, out c[i]))
            {
                error = $"colour component {i} is {ControlJson.Describe(item)}, not a finite number";
                return false;
            }

            i++;
        }

        value = new ColorValue(c[0], c[1], c[2], c[3]);
        error = "";
        return true;
    }

    void IControlJsonValue<ColorValue>.Write(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(R);
        writer.WriteNumberValue(G);
        writer.WriteNumberValue(B);
        writer.WriteNumberValue(A);
        writer.WriteEndArray();
    }

    private static int Byte(double component) => (int)Math.Round(Math.Clamp(component, 0, 1) * 255, MidpointRounding.AwayFromZero);
}
