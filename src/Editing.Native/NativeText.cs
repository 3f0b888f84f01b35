using System.Runtime.InteropServices;
using System.Text;

namespace Editing.Native;

/// <summary>
/// UTF-8 strings across the boundary. Strings handed to C are NUL-terminated and allocated with
/// <see cref="NativeMemory.Alloc(nuint)"/>; C gives them back through <c>editing_string_free</c>, which calls
/// <see cref="Free"/>, so allocation and release always happen on the same allocator.
/// </summary>
internal static unsafe class NativeText
{
    /// <summary>Reads a NUL-terminated UTF-8 string; null for a null pointer.</summary>
    /// <remarks>
    /// The terminator is found byte by byte on purpose: the vectorised search of <c>Marshal.PtrToStringUTF8</c> loads
    /// whole 16- and 32-byte blocks past the terminator (harmless within a page, but outside the caller's allocation,
    /// so memory checkers report it against the caller). Arguments are paths and small JSON documents.
    /// </remarks>
    public static string? Read(byte* text)
    {
        if (text is null)
        {
            return null;
        }

        var length = 0;
        while (text[length] != 0)
        {
            length++;
        }

        return Encoding.UTF8.GetString(text, length);
    }

    /// <summary>Reads a required argument.</summary>
    /// <exception cref="NativeArgumentException">The pointer is null.</exception>
    public static string Required(byte* text, string name) =>
        Read(text) ?? throw new NativeArgumentException($"{name} is NULL");

    /// <summary>Copies <paramref name="value"/> to a new native buffer (the caller frees it).</summary>
    public static byte* Allocate(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        var buffer = (byte*)NativeMemory.Alloc((nuint)count + 1);
        Encoding.UTF8.GetBytes(value, new Span<byte>(buffer, count));
        buffer[count] = 0;
        return buffer;
    }

    /// <summary>Stores a new string in <paramref name="slot"/> when the slot is not null.</summary>
    public static void Store(byte** slot, string value)
    {
        if (slot is not null)
        {
            *slot = Allocate(value);
        }
    }

    public static void Free(byte* text) => NativeMemory.Free(text);
}
