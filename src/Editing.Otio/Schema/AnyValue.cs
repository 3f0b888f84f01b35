namespace Editing.Otio.Schema;

/// <summary>Helpers for the loosely typed values held by <see cref="OtioDictionary"/> and <see cref="OtioList"/>.</summary>
public static class AnyValue
{
    /// <summary>Copies a value deeply: dictionaries and lists are copied, schema objects cloned, everything else is immutable and shared.</summary>
    public static object? DeepClone(object? value) => value switch
    {
        OtioDictionary d => d.DeepClone(),
        OtioList l => l.DeepClone(),
        SerializableObject o => o.Clone(),
        _ => value,
    };
}
