using System.Collections;
using System.Text.Json;

namespace Editing.Sdk.Controls;

/// <summary>
/// Parameter values of one request, persisted by parameter id (never by position) as JSON values. Immutable;
/// <see cref="With(string, JsonElement)"/> returns a copy. Typed getters read the JSON form each parameter type defines
/// (see the parameter classes). Key order is kept, so <see cref="ToJson"/> of values normalized by
/// <see cref="ControlSchema.Normalize"/> is canonical (schema order) and usable as a cache key.
/// </summary>
public sealed partial class ControlValues : IReadOnlyCollection<KeyValuePair<string, JsonElement>>
{
    private readonly List<KeyValuePair<string, JsonElement>> _items;

    /// <summary>No values.</summary>
    public static ControlValues Empty { get; } = new([]);

    /// <summary>Creates values; a later entry with the same id replaces an earlier one in place.</summary>
    public ControlValues(IEnumerable<KeyValuePair<string, JsonElement>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _items = [];
        foreach (var (id, value) in values)
        {
            Set(_items, id, value.Clone());
        }
    }

    private ControlValues(List<KeyValuePair<string, JsonElement>> items, bool _) => _items = items;

    /// <summary>Number of values.</summary>
    public int Count => _items.Count;

    /// <summary>The ids, in order.</summary>
    public IEnumerable<string> Ids => _items.Select(i => i.Key);

    /// <summary>True when a value is present for <paramref name="id"/>.</summary>
    public bool Contains(string id) => _items.Exists(i => i.Key == id);

    /// <summary>Gets the JSON value for <paramref name="id"/>.</summary>
    public bool TryGet(string id, out JsonElement value)
    {
        foreach (var item in _items)
        {
            if (item.Key == id)
            {
                value = item.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The JSON value for <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No value for the id (normalize with the schema first to get defaults).</exception>
    public JsonElement this[string id] =>
        TryGet(id, out var value) ? value : throw new KeyNotFoundException($"no value for parameter '{id}'");

    /// <summary>A copy with <paramref name="id"/> set to <paramref name="value"/>.</summary>
    public ControlValues With(string id, JsonElement value)
    {
        var items = new List<KeyValuePair<string, JsonElement>>(_items);
        Set(items, id, value.Clone());
        return new ControlValues(items, true);
    }

    /// <summary>A copy with <paramref name="id"/> set to <paramref name="value"/> serialized with <see cref="SdkJson.Options"/>.</summary>
    public ControlValues With<T>(string id, T value) => With(id, JsonSerializer.SerializeToElement(value, SdkJson.Options));

    /// <summary>A copy without <paramref name="id"/>.</summary>
    public ControlValues Without(string id) => new(_items.Where(i => i.Key != id).ToList(), true);

    /// <summary>Compact JSON object of the values in their order, e.g. <c>{"prompt":"rain","seed":7}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (id, value) in _items)
            {
                writer.WritePropertyName(id);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads values from a JSON object (<c>{"id": value, ...}</c>).</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static ControlValues FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("parameter values must be a JSON object of id: value");
        }

        return FromElement(doc.RootElement);
    }

    /// <summary>Reads values from a JSON object element.</summary>
    public static ControlValues FromElement(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? new ControlValues(element.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value)))
            : throw new JsonException("parameter values must be a JSON object of id: value");

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => ToJson();

    private static void Set(List<KeyValuePair<string, JsonElement>> items, string id, JsonElement value)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var index = items.FindIndex(i => i.Key == id);
        if (index >= 0)
        {
            items[index] = new(id, value);
        }
        else
        {
            items.Add(new(id, value));
        }
    }
}
