using Editing.Otio.Schema;

namespace Editing.Otio.Serialization;

/// <summary>The reference library's downgrade functions, applied to an object's plain-dictionary form.</summary>
internal static class SchemaDowngrade
{
    public static OtioDictionary ToPlainDictionary(SerializableObject o, OtioWriteTarget target, bool emulateLatest)
    {
        using var ms = new MemoryStream();
        OtioJsonWriter.WritePlain(o, ms, target, emulateLatest);
        var bytes = ms.GetBuffer();
        var reader = new OtioJsonReader(new JsonTokenizer(bytes, (int)ms.Length), plainDictionaries: true);
        return (OtioDictionary)reader.ReadAny()!;
    }

    /// <summary>Applies the downgrade from <paramref name="fromVersion"/> to <paramref name="fromVersion"/> − 1.</summary>
    public static void Apply(string schema, int fromVersion, OtioDictionary d, SerializableObject original)
    {
        switch (schema, fromVersion)
        {
            case ("Clip", 2):
                // The active reference becomes media_reference; the others are lost, as in the reference.
                if (d.TryGetValue("media_references", out var refs) && refs is OtioDictionary map
                    && d.TryGetValue("active_media_reference_key", out var key) && key is string k
                    && map.TryGetValue(k, out var active))
                {
                    d["media_reference"] = active;
                }
                d.Remove("media_references");
                d.Remove("active_media_reference_key");
                break;
            case ("Marker", 3):
                if (d.TryGetValue("color", out var color) && color is OtioDictionary c
                    && c.TryGetValue("name", out var n) && n is string name && name.Length > 0)
                {
                    d["color"] = Color.FromKnownName(name) is not null ? name.ToUpperInvariant() : name;
                }
                break;
            default:
                throw new OtioException(OtioErrorKind.InternalError, $"no downgrade function for {schema}.{fromVersion} ({original})");
        }
    }
}
