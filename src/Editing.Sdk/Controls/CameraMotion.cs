using System.Text.Json;
using System.Text.Json.Serialization;

namespace Editing.Sdk.Controls;

/// <summary>
/// A camera move over the whole clip, as intensities from −1 to 1 that providers map to their own controls (1 is the
/// provider's strongest move of that kind; 0 is none). Rotations (<see cref="Pan"/>, <see cref="Tilt"/>,
/// <see cref="Roll"/>) are fractions of the provider's reference angle; translations and zoom (<see cref="Zoom"/>,
/// <see cref="Truck"/>, <see cref="Pedestal"/>) are fractions of the frame. Signs, as seen by the viewer: positive pan
/// = turn right, tilt = up, roll = clockwise, zoom = in (the framing narrows), truck = move right, pedestal = move up.
/// JSON form: <c>{"pan": 0.2, "zoom": -0.1, "easing": "ease-in-out"}</c> with keys pan, tilt, roll, zoom, truck,
/// pedestal, easing; zero axes and <c>"easing": "linear"</c> may be omitted (and are omitted when written), so
/// <see cref="None"/> is <c>{}</c>. Text form: <c>pan=0.3,zoom=-0.2,easing=ease-in-out</c> or <c>none</c>.
/// </summary>
[JsonConverter(typeof(ControlJsonValueConverter<CameraMotion>))]
public sealed record CameraMotion : IControlJsonValue<CameraMotion>
{
    /// <summary>The JSON keys of the axes, in the order they are written.</summary>
    internal static readonly string[] AxisNames = ["pan", "tilt", "roll", "zoom", "truck", "pedestal"];

    /// <summary>The JSON keys allowed in the object form.</summary>
    internal static readonly string[] PropertyNames = [.. AxisNames, "easing"];

    /// <summary>No movement (a locked-off camera).</summary>
    public static CameraMotion None { get; } = new();

    static string IControlJsonValue<CameraMotion>.JsonForm =>
        "{\"pan\": -1..1, \"tilt\": ..., \"roll\": ..., \"zoom\": ..., \"truck\": ..., \"pedestal\": ..., \"easing\": \"linear\"|\"ease-in\"|\"ease-out\"|\"ease-in-out\"}";

    /// <summary>Horizontal rotation, −1..1 of the reference angle; positive turns right.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside −1..1 or NaN (likewise for every axis).</exception>
    public double Pan { get; init => field = Intensity(value); }

    /// <summary>Vertical rotation, −1..1 of the reference angle; positive tilts up.</summary>
    public double Tilt { get; init => field = Intensity(value); }

    /// <summary>Rotation about the lens axis, −1..1 of the reference angle; positive rolls clockwise.</summary>
    public double Roll { get; init => field = Intensity(value); }

    /// <summary>Change of framing, −1..1 of the frame; positive zooms in (0.25 = the last frame shows about 75% of the
    /// first frame's width), negative zooms out.</summary>
    public double Zoom { get; init => field = Intensity(value); }

    /// <summary>Sideways camera travel, −1..1 of the frame width; positive moves right.</summary>
    public double Truck { get; init => field = Intensity(value); }

    /// <summary>Vertical camera travel, −1..1 of the frame height; positive moves up.</summary>
    public double Pedestal { get; init => field = Intensity(value); }

    /// <summary>How the move is distributed over the clip (<see cref="Easing.Linear"/> unless set).</summary>
    public Easing Easing { get; init; }

    /// <summary>True when every axis is 0 (the easing does not matter then).</summary>
    public bool IsNone => Pan == 0 && Tilt == 0 && Roll == 0 && Zoom == 0 && Truck == 0 && Pedestal == 0;

    /// <summary>The axes in <see cref="AxisNames"/> order.</summary>
    internal double[] Axes => [Pan, Tilt, Roll, Zoom, Truck, Pedestal];

    /// <summary>
    /// Checks the JSON form, reporting each problem under <paramref name="path"/> (<c>camera.zoom</c>), and returns the
    /// motion when there was none.
    /// </summary>
    internal static CameraMotion? Inspect(JsonElement element, string path, ICollection<ValidationIssue> issues)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Add(ValidationIssue.Error(path, $"expected a camera motion object like {{\"pan\": 0.2, \"easing\": \"ease-in-out\"}}, got {ControlJson.Describe(element)}"));
            return null;
        }

        var before = issues.Count;
        ControlJson.CheckProperties(element, path, PropertyNames, issues);
        var axes = new double[AxisNames.Length];
        for (var i = 0; i < AxisNames.Length; i++)
        {
            if (!element.TryGetProperty(AxisNames[i], out var item))
            {
                continue;
            }

            if (!ControlJson.TryGetFinite(item, out axes[i]))
            {
                issues.Add(ValidationIssue.Error($"{path}.{AxisNames[i]}", $"expected a number −1..1, got {ControlJson.Describe(item)}"));
            }
            else if (axes[i] is < -1 or > 1)
            {
                issues.Add(ValidationIssue.Error($"{path}.{AxisNames[i]}", $"{AxisNames[i]} {ControlJson.Format(axes[i])} is outside −1..1"));
            }
        }

        var easing = Easing.Linear;
        if (element.TryGetProperty("easing", out var e)
            && (e.ValueKind != JsonValueKind.String || !ControlJson.TryParseKebab(e.GetString()!, out easing)))
        {
            issues.Add(ValidationIssue.Error(path + ".easing", $"expected one of {ControlJson.KebabList<Easing>()}, got {ControlJson.Describe(e)}"));
        }

        if (issues.Count != before)
        {
            return null;
        }

        return new CameraMotion
        {
            Pan = axes[0],
            Tilt = axes[1],
            Roll = axes[2],
            Zoom = axes[3],
            Truck = axes[4],
            Pedestal = axes[5],
            Easing = easing,
        };
    }

    static bool IControlJsonValue<CameraMotion>.TryRead(JsonElement element, out CameraMotion value, out string error)
    {
        var issues = new List<ValidationIssue>();
        var motion = Inspect(element, "", issues);
        value = motion ?? None;
        error = issues.Count == 0 ? "" : string.Join("; ", issues.Select(i => (i.ParamId.Length > 0 ? i.ParamId.TrimStart('.') + ": " : "") + i.Message));
        return motion is not null;
    }

    void IControlJsonValue<CameraMotion>.Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        var axes = Axes;
        for (var i = 0; i < AxisNames.Length; i++)
        {
            if (axes[i] != 0)
            {
                writer.WriteNumber(AxisNames[i], axes[i]);
            }
        }

        if (Easing != Easing.Linear)
        {
            writer.WriteString("easing", ControlJson.Kebab(Easing));
        }

        writer.WriteEndObject();
    }

    private static double Intensity(double value) =>
        value is >= -1 and <= 1
            ? value + 0.0 // -0 becomes 0, so IsNone and the JSON form do not depend on the sign of zero
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a camera motion intensity must be within −1..1");
}
