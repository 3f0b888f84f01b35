using System.Globalization;
using System.Text.Json;

namespace Editing.Conformance;

/// <summary>
/// Structural comparison of two JSON documents: same value kinds, numbers equal as doubles, strings equal, objects with
/// the same keys in the same order, arrays of the same length. Reports the first difference with its JSON path.
/// </summary>
internal static class JsonDiff
{
    /// <summary>Null when equal, else a description like <c>$.root.tracks.children[0].duration.value: expected 19, actual 20</c>.</summary>
    public static string? FirstDifference(string expectedJson, string actualJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        return Compare(expected.RootElement, actual.RootElement, "$");
    }

    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind
            && !(IsBool(expected) && IsBool(actual)))
        {
            return $"{path}: expected {Show(expected)}, actual {Show(actual)}";
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    var e = expected.EnumerateObject().ToList();
                    var a = actual.EnumerateObject().ToList();
                    for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                    {
                        if (e[i].Name != a[i].Name)
                        {
                            return $"{path}: key #{i} expected \"{e[i].Name}\", actual \"{a[i].Name}\" "
                                + $"(expected keys {string.Join(", ", e.Select(p => p.Name))}; actual keys {string.Join(", ", a.Select(p => p.Name))})";
                        }
                        var d = Compare(e[i].Value, a[i].Value, $"{path}.{e[i].Name}");
                        if (d is not null)
                        {
                            return d;
                        }
                    }
                    if (e.Count != a.Count)
                    {
                        return e.Count > a.Count
                            ? $"{path}: missing key \"{e[a.Count].Name}\""
                            : $"{path}: unexpected key \"{a[e.Count].Name}\"";
                    }
                    return null;
                }
            case JsonValueKind.Array:
                {
                    var e = expected.EnumerateArray().ToList();
                    var a = actual.EnumerateArray().ToList();
                    for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                    {
                        var d = Compare(e[i], a[i], $"{path}[{i}]");
                        if (d is not null)
                        {
                            return d;
                        }
                    }
                    return e.Count == a.Count ? null : $"{path}: expected {e.Count} elements, actual {a.Count}";
                }
            case JsonValueKind.Number:
                {
                    var ev = expected.GetDouble();
                    var av = actual.GetDouble();
                    return ev.Equals(av) ? null : $"{path}: expected {expected.GetRawText()}, actual {actual.GetRawText()}";
                }
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected {Show(expected)}, actual {Show(actual)}";
            case JsonValueKind.True:
            case JsonValueKind.False:
                return expected.GetBoolean() == actual.GetBoolean() ? null : $"{path}: expected {Show(expected)}, actual {Show(actual)}";
            default:
                return null;
        }
    }

    private static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static string Show(JsonElement e)
    {
        var raw = e.GetRawText();
        return raw.Length <= 200 ? raw : raw[..200].ToString(CultureInfo.InvariantCulture) + "…";
    }
}
