namespace Editing.Host.Edits;

/// <summary>The codec generated media are delivered in (the NLE relinks these files).</summary>
public enum DeliveryCodec
{
    /// <summary>Apple ProRes 422 HQ, 10-bit 4:2:2, <c>.mov</c> (default).</summary>
    ProRes422HQ,

    /// <summary>Apple ProRes 422 LT.</summary>
    ProRes422LT,

    /// <summary>Apple ProRes 422 Proxy.</summary>
    ProRes422Proxy,

    /// <summary>Avid DNxHR HQ, 8-bit 4:2:2, <c>.mov</c>.</summary>
    DnxhrHQ,

    /// <summary>Avid DNxHR SQ.</summary>
    DnxhrSQ,

    /// <summary>H.264 review proxy, <c>.mp4</c>.</summary>
    H264Review,
}

/// <summary>The command-line names of <see cref="DeliveryCodec"/> values (<c>prores-hq</c>...).</summary>
public static class DeliveryCodecs
{
    private static readonly (string Name, DeliveryCodec Codec)[] Table =
    [
        ("prores-hq", DeliveryCodec.ProRes422HQ),
        ("prores-lt", DeliveryCodec.ProRes422LT),
        ("prores-proxy", DeliveryCodec.ProRes422Proxy),
        ("dnxhr-hq", DeliveryCodec.DnxhrHQ),
        ("dnxhr-sq", DeliveryCodec.DnxhrSQ),
        ("h264", DeliveryCodec.H264Review),
    ];

    /// <summary>Every name, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>The name of <paramref name="codec"/>.</summary>
    public static string Name(DeliveryCodec codec) => Table.First(t => t.Codec == codec).Name;

    /// <summary>Parses a name (case-insensitive; <c>prores</c> is <c>prores-hq</c>).</summary>
    public static bool TryParse(string? name, out DeliveryCodec codec)
    {
        var key = name?.Trim().ToLowerInvariant() == "prores" ? "prores-hq" : name?.Trim().ToLowerInvariant();
        foreach (var (n, c) in Table)
        {
            if (n == key)
            {
                codec = c;
                return true;
            }
        }

        codec = default;
        return false;
    }
}
