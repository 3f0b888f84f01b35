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
