using System.Globalization;

namespace Editing.Otio.Schema;

/// <summary>
/// A UI colour (OTIO's <c>Color.1</c>): sRGB-encoded channels in 0..1 plus an optional name. Used by
/// <see cref="Item.Color"/> and, from schema <c>Marker.3</c>, by <see cref="Marker.Color"/>.
/// </summary>
/// <remarks>
/// Equality follows the reference library: two colours are equal when their 8-bit quantised channels are equal; the
/// name is not compared.
/// </remarks>
public readonly struct Color : IEquatable<Color>
{
    /// <summary>Creates a colour.</summary>
    public Color(double r = 1, double g = 1, double b = 1, double a = 1, string name = "")
    {
        R = r;
        G = g;
        B = b;
        A = a;
        _name = name;
    }

    /// <summary>Red, 0..1.</summary>
    public double R { get; }

    /// <summary>Green, 0..1.</summary>
    public double G { get; }

    /// <summary>Blue, 0..1.</summary>
    public double B { get; }

    /// <summary>Alpha, 0..1.</summary>
    public double A { get; }

    /// <summary>The colour's name, e.g. <c>Red</c>; empty when unnamed.</summary>
    public string Name => _name ?? string.Empty;

    private readonly string? _name;

    private Color(double r, double g, double b, double a, string name, bool _)
    {
        R = r;
        G = g;
        B = b;
        A = a;
        _name = name;
    }

    /// <summary>(1, 0, 1, 1) "Pink".</summary>
    public static Color Pink => new(1, 0, 1, 1, "Pink", true);
    /// <summary>(1, 0, 0, 1) "Red".</summary>
    public static Color Red => new(1, 0, 0, 1, "Red", true);
    /// <summary>(1, 0.5, 0, 1) "Orange".</summary>
    public static Color Orange => new(1, 0.5, 0, 1, "Orange", true);
    /// <summary>(1, 1, 0, 1) "Yellow".</summary>
    public static Color Yellow => new(1, 1, 0, 1, "Yellow", true);
    /// <summary>(0, 1, 0, 1) "Green", the default marker colour.</summary>
    public static Color Green => new(0, 1, 0, 1, "Green", true);
    /// <summary>(0, 1, 1, 1) "Cyan".</summary>
    public static Color Cyan => new(0, 1, 1, 1, "Cyan", true);
    /// <summary>(0, 0, 1, 1) "Blue".</summary>
    public static Color Blue => new(0, 0, 1, 1, "Blue", true);
    /// <summary>(0.5, 0, 0.5, 1) "Purple".</summary>
    public static Color Purple => new(0.5, 0, 0.5, 1, "Purple", true);
    /// <summary>(1, 0, 1, 1) "Magenta".</summary>
    public static Color Magenta => new(1, 0, 1, 1, "Magenta", true);
    /// <summary>(0, 0, 0, 1) "Black".</summary>
    public static Color Black => new(0, 0, 0, 1, "Black", true);
    /// <summary>(1, 1, 1, 1) "White".</summary>
    public static Color White => new(1, 1, 1, 1, "White", true);
    /// <summary>(0, 0, 0, 0) "Transparent".</summary>
    public static Color Transparent => new(0, 0, 0, 0, "Transparent", true);

    /// <summary>
    /// The named colour for an OTIO marker colour string, compared case-insensitively (<c>RED</c>, <c>red</c>), or
    /// <see langword="null"/> when the string names none of the twelve constants.
    /// </summary>
    public static Color? FromKnownName(string name) => name.ToUpperInvariant() switch
    {
        "PINK" => Pink,
        "RED" => Red,
        "ORANGE" => Orange,
        "YELLOW" => Yellow,
        "GREEN" => Green,
        "CYAN" => Cyan,
        "BLUE" => Blue,
        "MAGENTA" => Magenta,
        "PURPLE" => Purple,
        "BLACK" => Black,
        "WHITE" => White,
        "TRANSPARENT" => Transparent,
        _ => null,
    };

    /// <summary>
    /// Parses <c>#rgb</c>, <c>#rgba</c>, <c>#rrggbb</c> or <c>#rrggbbaa</c> (the <c>#</c> or <c>0x</c> prefix is optional);
    /// one-digit channels are divided by 15, two-digit ones by 255.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a hex colour.</exception>
    public static Color FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var s = hex.AsSpan();
        if (s.StartsWith("#"))
        {
            s = s[1..];
        }
        else if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            s = s[2..];
        }
        int width = s.Length switch { 3 or 4 => 1, 6 or 8 => 2, _ => 0 };
        if (width == 0)
        {
            throw new FormatException($"'{hex}' is not a hex colour (3, 4, 6 or 8 hex digits)");
        }
        var channels = new double[] { 1, 1, 1, 1 };
        var max = width == 1 ? 15.0 : 255.0;
        for (var i = 0; i * width < s.Length; i++)
        {
            if (!int.TryParse(s.Slice(i * width, width), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
            {
                throw new FormatException($"'{hex}' is not a hex colour");
            }
            channels[i] = v / max;
        }
        return new Color(channels[0], channels[1], channels[2], channels[3]);
    }

    /// <summary>Lower-case <c>#rrggbbaa</c>, each channel truncated from c × 255.</summary>
    public string ToHex()
        => string.Create(CultureInfo.InvariantCulture, $"#{Byte(R):x2}{Byte(G):x2}{Byte(B):x2}{Byte(A):x2}");

    /// <summary>Packs <c>a&lt;&lt;24 | b&lt;&lt;16 | g&lt;&lt;8 | r</c>.</summary>
    public uint ToAgbrInteger() => (uint)(Byte(A) << 24 | Byte(B) << 16 | Byte(G) << 8 | Byte(R));

    /// <summary>
    /// Unpacks a 32-bit colour the way the reference library does: r from bits 0–7, b from bits 8–15, g from 16–23 and a
    /// from 24–31. This is not the inverse of <see cref="ToAgbrInteger"/>; the asymmetry is the reference's, kept so
    /// that files exchanged with it agree.
    /// </summary>
    public static Color FromAgbrInteger(uint agbr)
        => new((agbr & 0xFF) / 255.0, ((agbr >> 16) & 0xFF) / 255.0, ((agbr >> 8) & 0xFF) / 255.0, ((agbr >> 24) & 0xFF) / 255.0);

    /// <inheritdoc/>
    public bool Equals(Color other) => ToAgbrInteger() == other.ToAgbrInteger();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Color c && Equals(c);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)ToAgbrInteger();

    /// <summary>Equality of the 8-bit quantised channels.</summary>
    public static bool operator ==(Color left, Color right) => left.Equals(right);

    /// <summary>Inequality of the 8-bit quantised channels.</summary>
    public static bool operator !=(Color left, Color right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Name.Length > 0 ? $"{Name} {ToHex()}" : ToHex();

    private static int Byte(double c) => (int)Math.Clamp(c * 255, 0, 255);
}
