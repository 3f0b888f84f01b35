using System.Text.Json;
using System.Text.Json.Serialization;

namespace Editing.Sdk.Controls;

/// <summary>
/// An axis-aligned rectangle in the frame, in the <see cref="CoordinateSystem"/> of its <see cref="RectParameter"/>:
/// (<paramref name="X"/>, <paramref name="Y"/>) is its top-left corner (origin top-left, y down). JSON form:
/// <c>{"x": 0.1, "y": 0.2, "width": 0.5, "height": 0.4}</c>.
/// </summary>
/// <param name="X">Left edge, rightwards from the frame's left edge.</param>
/// <param name="Y">Top edge, downwards from the frame's top edge.</param>
/// <param name="Width">Width, greater than 0.</param>
/// <param name="Height">Height, greater than 0.</param>
[JsonConverter(typeof(ControlJsonValueConverter<RectValue>))]
public readonly record struct RectValue(double X, double Y, double Width, double Height) : IControlJsonValue<RectValue>
{
    internal static readonly string[] Names = ["x", "y", "width", "height"];

    static string IControlJsonValue<RectValue>.JsonForm => "{\"x\": number, \"y\": number, \"width\": number, \"height\": number}";

    static bool IControlJsonValue<RectValue>.TryRead(JsonElement element, out RectValue value, out string error)
    {
        var ok = PointValue.ReadNumbers(element, Names, "rectangle", out var n, out error);
        value = ok ? new RectValue(n[0], n[1], n[2], n[3]) : default;
        return ok;
    }

    void IControlJsonValue<RectValue>.Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("x", X);
        writer.WriteNumber("y", Y);
        writer.WriteNumber("width", Width);
        writer.WriteNumber("height", Height);
        writer.WriteEndObject();
    }
}
