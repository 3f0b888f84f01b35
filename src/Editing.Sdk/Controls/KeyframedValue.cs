using System.Text.Json;
using System.Text.Json.Serialization;

namespace Editing.Sdk.Controls;

/// <summary>
/// A number that changes over the clip: keyframes at strictly increasing frames (frames from the clip's first frame, at
/// the clip's rate) and the <see cref="Interpolation"/> between them. Before the first key the value is the first
/// key's, after the last key the last key's. Immutable.
/// JSON form: a bare number for a single key (a constant), else
/// <c>[{"frame": 0, "value": 0}, {"frame": 48, "value": 0.8}]</c>. The interpolation is not part of the JSON value;
/// it comes from the <see cref="KeyframedParameter"/>. Example with linear interpolation: keys 0@0 and 0.8@48 give
/// 0.4 at frame 24, 0 at frame −10 and 0.8 at frame 100.
/// </summary>
[JsonConverter(typeof(ControlJsonValueConverter<KeyframedValue>))]
public sealed class KeyframedValue : IEquatable<KeyframedValue>, IControlJsonValue<KeyframedValue>
{
    private static readonly string[] Names = ["frame", "value"];
    private readonly Keyframe[] _keys;
    private double[]? _tangents;

    /// <summary>Creates a keyframed value.</summary>
    /// <param name="keyframes">At least one key, frames ≥ 0 and strictly increasing, values finite.</param>
    /// <param name="interpolation">How frames between keys are filled.</param>
    /// <exception cref="ArgumentException">No keys, a negative or non-increasing frame, or a non-finite value.</exception>
    public KeyframedValue(IEnumerable<Keyframe> keyframes, KeyframeInterpolation interpolation = KeyframeInterpolation.Linear)
    {
        ArgumentNullException.ThrowIfNull(keyframes);
        _keys = keyframes.ToArray();
        if (_keys.Length == 0)
        {
            throw new ArgumentException("a keyframed value needs at least one keyframe", nameof(keyframes));
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i].Frame < 0 || (i > 0 && _keys[i].Frame <= _keys[i - 1].Frame) || !double.IsFinite(_keys[i].Value))
            {
                throw new ArgumentException($"keyframe {i} ({_keys[i]}): frames must be ≥ 0 and strictly increasing, values finite", nameof(keyframes));
            }
        }

        Interpolation = interpolation;
    }

    static string IControlJsonValue<KeyframedValue>.JsonForm => "a number, or [{\"frame\": 0, \"value\": 0.5}, ...] with frames ≥ 0 strictly increasing";

    /// <summary>The keys in frame order.</summary>
    public IReadOnlyList<Keyframe> Keyframes => _keys;

    /// <summary>How frames between keys are filled.</summary>
    public KeyframeInterpolation Interpolation { get; }

    /// <summary>True when every key has the same value, so <see cref="ValueAt"/> is the same at every frame.</summary>
    public bool IsConstant => _keys.All(k => k.Value == _keys[0].Value);

    /// <summary>A value that never changes (one key at frame 0).</summary>
    public static KeyframedValue Constant(double value) => new([new Keyframe(0, value)]);

    /// <summary>The same keys with another interpolation.</summary>
    public KeyframedValue WithInterpolation(KeyframeInterpolation interpolation) =>
        interpolation == Interpolation ? this : new KeyframedValue(_keys, interpolation);

    /// <summary>
    /// The value at <paramref name="frame"/> (frames from the clip's first frame; fractional frames allowed, e.g. for
    /// sub-frame sampling): the first key's value at or before the first key, the last key's at or after the last,
    /// and in between per <see cref="Interpolation"/>. Linear and smooth results always lie between the two
    /// surrounding keys' values; hold returns the left key's value.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is NaN.</exception>
    public double ValueAt(double frame)
    {
        if (double.IsNaN(frame))
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, "frame is NaN");
        }

        if (frame <= _keys[0].Frame)
        {
            return _keys[0].Value;
        }

        if (frame >= _keys[^1].Frame)
        {
            return _keys[^1].Value;
        }

        // The segment [k, k + 1] holding the frame: the last key at or before it.
        int lo = 0, hi = _keys.Length - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (_keys[mid].Frame <= frame)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var left = _keys[lo];
        var right = _keys[lo + 1];
        if (Interpolation == KeyframeInterpolation.Hold)
        {
            return left.Value;
        }

        double h = right.Frame - left.Frame;
        var t = (frame - left.Frame) / h;
        double value;
        if (Interpolation == KeyframeInterpolation.Smooth)
        {
            var m = _tangents ??= SmoothTangents(_keys);
            var t2 = t * t;
            var t3 = t2 * t;
            value = (((2 * t3) - (3 * t2) + 1) * left.Value)
                + ((t3 - (2 * t2) + t) * h * m[lo])
                + (((-2 * t3) + (3 * t2)) * right.Value)
                + ((t3 - t2) * h * m[lo + 1]);
        }
        else
        {
            value = left.Value + ((right.Value - left.Value) * t);
        }

        // Both curves stay between the keys mathematically; the clamp removes floating-point rounding past them.
        return Math.Clamp(value, Math.Min(left.Value, right.Value), Math.Max(left.Value, right.Value));
    }

    /// <summary>Same keys and interpolation.</summary>
    public bool Equals(KeyframedValue? other) =>
        other is not null && Interpolation == other.Interpolation && _keys.AsSpan().SequenceEqual(other._keys);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KeyframedValue);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Interpolation);
        foreach (var key in _keys)
        {
            hash.Add(key);
        }

        return hash.ToHashCode();
    }

    /// <summary>The text form, e.g. <c>0@0,0.8@48</c> (VALUE@FRAME pairs), or <c>0.5</c> for a single key.</summary>
    public override string ToString() =>
        _keys.Length == 1
            ? ControlJson.Format(_keys[0].Value)
            : string.Join(",", _keys.Select(k => $"{ControlJson.Format(k.Value)}@{ControlJson.Format(k.Frame)}"));

    static bool IControlJsonValue<KeyframedValue>.TryRead(JsonElement element, out KeyframedValue value, out string error)
    {
        value = null!;
        if (ControlJson.TryGetFinite(element, out var constant))
        {
            value = new KeyframedValue([new Keyframe(0, constant)]);
            error = "";
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            error = $"expected a number or a non-empty array of {{\"frame\", \"value\"}} keyframes, got {ControlJson.Describe(element)}";
            return false;
        }

        var keys = new List<Keyframe>();
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (!TryReadKey(item, out var key, out error))
            {
                error = $"keyframe {i}: {error}";
                return false;
            }

            if (keys.Count > 0 && key.Frame <= keys[^1].Frame)
            {
                error = $"keyframe {i}: frame {key.Frame} is not after the previous keyframe's frame {keys[^1].Frame}";
                return false;
            }

            keys.Add(key);
            i++;
        }

        value = new KeyframedValue(keys);
        error = "";
        return true;
    }

    /// <summary>Reads <c>{"frame": integer ≥ 0, "value": finite number}</c>.</summary>
    internal static bool TryReadKey(JsonElement item, out Keyframe key, out string error)
    {
        key = default;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = $"expected {{\"frame\": integer, \"value\": number}}, got {ControlJson.Describe(item)}";
            return false;
        }

        if (ControlJson.FirstUnknownProperty(item, Names) is { } unknown)
        {
            error = $"unknown property '{unknown}' (allowed: frame, value)";
            return false;
        }

        if (!item.TryGetProperty("frame", out var f) || !ControlJson.TryGetInteger(f, out var frame) || frame < 0)
        {
            error = "\"frame\" must be an integer ≥ 0 (frames from the clip's first frame)";
            return false;
        }

        if (!item.TryGetProperty("value", out var v) || !ControlJson.TryGetFinite(v, out var number))
        {
            error = "\"value\" must be a finite number";
            return false;
        }

        key = new Keyframe(frame, number);
        error = "";
        return true;
    }

    void IControlJsonValue<KeyframedValue>.Write(Utf8JsonWriter writer)
    {
        if (_keys.Length == 1)
        {
            writer.WriteNumberValue(_keys[0].Value);
            return;
        }

        writer.WriteStartArray();
        foreach (var key in _keys)
        {
            writer.WriteStartObject();
            writer.WriteNumber("frame", key.Frame);
            writer.WriteNumber("value", key.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Fritsch–Carlson tangents: secant averages, zero at local extrema and on flat segments, then scaled into the
    /// circle of radius 3 (in units of the segment's secant) that guarantees each cubic segment is monotone.
    /// </summary>
    private static double[] SmoothTangents(Keyframe[] keys)
    {
        var n = keys.Length;
        var m = new double[n];
        if (n < 2)
        {
            return m;
        }

        var d = new double[n - 1];
        for (var k = 0; k < n - 1; k++)
        {
            d[k] = (keys[k + 1].Value - keys[k].Value) / (keys[k + 1].Frame - keys[k].Frame);
        }

        m[0] = d[0];
        m[n - 1] = d[n - 2];
        for (var k = 1; k < n - 1; k++)
        {
            m[k] = d[k - 1] * d[k] <= 0 ? 0 : (d[k - 1] + d[k]) / 2;
        }

        for (var k = 0; k < n - 1; k++)
        {
            if (d[k] == 0)
            {
                m[k] = 0;
                m[k + 1] = 0;
                continue;
            }

            var a = m[k] / d[k];
            var b = m[k + 1] / d[k];
            var s = (a * a) + (b * b);
            if (s > 9)
            {
                var tau = 3 / Math.Sqrt(s);
                m[k] = tau * a * d[k];
                m[k + 1] = tau * b * d[k];
            }
        }

        return m;
    }
}
