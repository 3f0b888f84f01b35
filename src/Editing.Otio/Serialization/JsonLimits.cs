namespace Editing.Otio.Serialization;

/// <summary>Limits that keep hostile input from exhausting the stack.</summary>
internal static class JsonLimits
{
    /// <summary>
    /// The deepest nesting of arrays and objects the reader accepts. Real timelines nest a few dozen levels; the reader
    /// is recursive, so deeper input is refused with a clear error instead of overflowing the stack. The reader runs
    /// on a thread with a large stack so this limit, not the stack size, is what stops it.
    /// </summary>
    public const int MaxDepth = 1000;
}
