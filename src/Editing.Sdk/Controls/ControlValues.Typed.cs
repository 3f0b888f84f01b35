using System.Text.Json;
using Editing.Otio.OpenTime;

namespace Editing.Sdk.Controls;

// Typed getters. Each reads the JSON form its parameter type defines. Get… throws KeyNotFoundException when the id has
// no value (normalize with the schema first to fill defaults) and InvalidOperationException when the value has the
// wrong form (validate first). TryGet… returns false only when the id has no value: a value of the wrong form is a bug
// in the caller (it skipped validation) and still throws, rather than silently falling back.
public sealed partial class ControlValues
{
    private delegate bool Reader<T>(JsonElement element, out T value, out string error);

    /// <summary>A <see cref="BoolParameter"/> value (JSON <c>true</c>/<c>false</c>).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a JSON boolean.</exception>
    public bool GetBool(string id) => Get<bool>(id, "a bool (true or false)", ReadBool);

    /// <summary>A <see cref="BoolParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a JSON boolean.</exception>
    public bool TryGetBool(string id, out bool value) => TryGet(id, "a bool (true or false)", ReadBool, out value);

    /// <summary>An <see cref="IntParameter"/> value (a JSON integer; <c>12.0</c> reads as 12).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not an integral JSON number within ±2^63.</exception>
    public long GetInt64(string id) => Get<long>(id, "an integer", ReadInteger);

    /// <summary>An <see cref="IntParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not an integral JSON number within ±2^63.</exception>
    public bool TryGetInt64(string id, out long value) => TryGet(id, "an integer", ReadInteger, out value);

    /// <summary>A <see cref="FloatParameter"/> value (any finite JSON number, integers included).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a finite JSON number.</exception>
    public double GetDouble(string id) => Get<double>(id, "a finite number", ReadDouble);

    /// <summary>A <see cref="FloatParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a finite JSON number.</exception>
    public bool TryGetDouble(string id, out double value) => TryGet(id, "a finite number", ReadDouble, out value);

    /// <summary>A <see cref="StringParameter"/> or <see cref="EnumParameter"/> value (a JSON string; for an enum, the
    /// option's value).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a JSON string.</exception>
    public string GetString(string id) => Get<string>(id, "a string", ReadString);

    /// <summary>A <see cref="StringParameter"/> or <see cref="EnumParameter"/> value, or false when the id has no
    /// value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a JSON string.</exception>
    public bool TryGetString(string id, out string value) => TryGet(id, "a string", ReadString, out value);

    /// <summary>A <see cref="SeedParameter"/> value (a JSON integer).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a JSON integer.</exception>
    public long GetSeed(string id) => Get<long>(id, "an integer seed", ReadInteger);

    /// <summary>A <see cref="TimeParameter"/> value (JSON <c>{"value": 48, "rate": 24}</c>), at its own rate.</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a time object with a positive rate.</exception>
    public RationalTime GetTime(string id) => Get<RationalTime>(id, "a time {\"value\": frames, \"rate\": fps}", TimeParameter.TryRead);

    /// <summary>A <see cref="TimeParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a time object with a positive rate.</exception>
    public bool TryGetTime(string id, out RationalTime value) =>
        TryGet(id, "a time {\"value\": frames, \"rate\": fps}", TimeParameter.TryRead, out value);

    /// <summary>A <see cref="ColorParameter"/> value (JSON <c>[r, g, b, a]</c>, components 0..1).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not an array of 3 or 4 numbers.</exception>
    public ColorValue GetColor(string id) => Get<ColorValue>(id, "a colour [r, g, b, a]", ControlJson.TryRead);

    /// <summary>A <see cref="ColorParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not an array of 3 or 4 numbers.</exception>
    public bool TryGetColor(string id, out ColorValue value) => TryGet(id, "a colour [r, g, b, a]", ControlJson.TryRead, out value);

    /// <summary>A <see cref="PointParameter"/> value (JSON <c>{"x": .., "y": ..}</c>).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a point object.</exception>
    public PointValue GetPoint(string id) => Get<PointValue>(id, "a point {\"x\", \"y\"}", ControlJson.TryRead);

    /// <summary>A <see cref="PointParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a point object.</exception>
    public bool TryGetPoint(string id, out PointValue value) => TryGet(id, "a point {\"x\", \"y\"}", ControlJson.TryRead, out value);

    /// <summary>A <see cref="RectParameter"/> value (JSON <c>{"x", "y", "width", "height"}</c>).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a rectangle object.</exception>
    public RectValue GetRect(string id) => Get<RectValue>(id, "a rectangle {\"x\", \"y\", \"width\", \"height\"}", ControlJson.TryRead);

    /// <summary>A <see cref="RectParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a rectangle object.</exception>
    public bool TryGetRect(string id, out RectValue value) =>
        TryGet(id, "a rectangle {\"x\", \"y\", \"width\", \"height\"}", ControlJson.TryRead, out value);

    /// <summary>A <see cref="MediaReferenceParameter"/> value (JSON <c>{"path": .., "frame": ..}</c>).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a media reference object.</exception>
    public MediaReferenceValue GetMediaReference(string id) =>
        Get<MediaReferenceValue>(id, "a media reference {\"path\", \"frame\"}", ControlJson.TryRead);

    /// <summary>A <see cref="MediaReferenceParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a media reference object.</exception>
    public bool TryGetMediaReference(string id, out MediaReferenceValue value) =>
        TryGet(id, "a media reference {\"path\", \"frame\"}", ControlJson.TryRead, out value);

    /// <summary>A <see cref="CameraMotionParameter"/> value (JSON <c>{"pan": 0.2, ..., "easing": "ease-in-out"}</c>).</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a camera motion object with axes in −1..1.</exception>
    public CameraMotion GetCameraMotion(string id) => Get<CameraMotion>(id, "a camera motion {\"pan\", ..., \"easing\"}", ControlJson.TryRead);

    /// <summary>A <see cref="CameraMotionParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a camera motion object with axes in −1..1.</exception>
    public bool TryGetCameraMotion(string id, out CameraMotion value) =>
        TryGet(id, "a camera motion {\"pan\", ..., \"easing\"}", ControlJson.TryRead, out value);

    /// <summary>
    /// A <see cref="KeyframedParameter"/> value (a JSON number or <c>[{"frame", "value"}, ...]</c>). The interpolation
    /// is not stored in the value: pass the parameter's <see cref="KeyframedParameter.Interpolation"/> (or use
    /// <see cref="KeyframedParameter.Read"/>).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a number or a valid keyframe array.</exception>
    public KeyframedValue GetKeyframed(string id, KeyframeInterpolation interpolation = KeyframeInterpolation.Linear) =>
        Get<KeyframedValue>(id, "a number or keyframes [{\"frame\", \"value\"}, ...]", ControlJson.TryRead).WithInterpolation(interpolation);

    /// <summary>A <see cref="KeyframedParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a number or a valid keyframe array.</exception>
    public bool TryGetKeyframed(string id, KeyframeInterpolation interpolation, out KeyframedValue value)
    {
        var found = TryGet<KeyframedValue>(id, "a number or keyframes [{\"frame\", \"value\"}, ...]", ControlJson.TryRead, out var keys);
        value = found ? keys.WithInterpolation(interpolation) : null!;
        return found;
    }

    /// <summary>An <see cref="ArrayParameter"/> value: the items, each in its element type's JSON form.</summary>
    /// <exception cref="KeyNotFoundException">No value for the id.</exception>
    /// <exception cref="InvalidOperationException">The value is not a JSON array.</exception>
    public IReadOnlyList<JsonElement> GetArray(string id) => Get<IReadOnlyList<JsonElement>>(id, "an array", ReadArray);

    /// <summary>An <see cref="ArrayParameter"/> value, or false when the id has no value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a JSON array.</exception>
    public bool TryGetArray(string id, out IReadOnlyList<JsonElement> value) => TryGet(id, "an array", ReadArray, out value);

    private T Get<T>(string id, string expected, Reader<T> read)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!TryGet(id, out var element))
        {
            throw new KeyNotFoundException($"no value for parameter '{id}' (expected {expected}; normalize the values with the tool's schema to fill defaults)");
        }

        return Convert(id, element, expected, read);
    }

    private bool TryGet<T>(string id, string expected, Reader<T> read, out T value)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!TryGet(id, out var element))
        {
            value = default!;
            return false;
        }

        value = Convert(id, element, expected, read);
        return true;
    }

    private static T Convert<T>(string id, JsonElement element, string expected, Reader<T> read) =>
        read(element, out var value, out var error)
            ? value
            : throw new InvalidOperationException($"parameter '{id}' is not {expected}: {(error.Length > 0 ? error : "got " + ControlJson.Describe(element))}");

    private static bool ReadBool(JsonElement element, out bool value, out string error)
    {
        value = element.ValueKind == JsonValueKind.True;
        error = "";
        return element.ValueKind is JsonValueKind.True or JsonValueKind.False;
    }

    private static bool ReadInteger(JsonElement element, out long value, out string error)
    {
        error = "";
        return ControlJson.TryGetInteger(element, out value);
    }

    private static bool ReadDouble(JsonElement element, out double value, out string error)
    {
        error = "";
        return ControlJson.TryGetFinite(element, out value);
    }

    private static bool ReadString(JsonElement element, out string value, out string error)
    {
        error = "";
        value = element.ValueKind == JsonValueKind.String ? element.GetString()! : "";
        return element.ValueKind == JsonValueKind.String;
    }

    private static bool ReadArray(JsonElement element, out IReadOnlyList<JsonElement> value, out string error)
    {
        error = "";
        value = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToArray() : [];
        return element.ValueKind == JsonValueKind.Array;
    }
}
