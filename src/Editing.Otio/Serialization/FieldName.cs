namespace Editing.Otio.Serialization;

/// <summary>Every key the schemas define, so the reader can dispatch on key bytes without allocating a string.</summary>
internal enum FieldName
{
    Unknown = -1,
    Metadata,
    Name,
    SourceRange,
    Effects,
    Markers,
    Enabled,
    Color,
    Children,
    Kind,
    MediaReferences,
    ActiveMediaReferenceKey,
    MediaReference,
    GlobalStartTime,
    Tracks,
    InOffset,
    OutOffset,
    TransitionType,
    EffectName,
    TimeScalar,
    MarkedRange,
    Range,
    Comment,
    AvailableRange,
    AvailableImageBounds,
    TargetUrl,
    GeneratorKind,
    Parameters,
    TargetUrlBase,
    NamePrefix,
    NameSuffix,
    StartFrame,
    FrameStep,
    Rate,
    FrameZeroPadding,
    MissingFramePolicy,
    Value,
    Duration,
    StartTime,
    Offset,
    Scale,
    R,
    G,
    B,
    A,
    X,
    Y,
    Min,
    Max,
    OtioSchema,
    OtioRefId,
}

/// <summary>Maps key bytes to <see cref="FieldName"/> and back.</summary>
internal static class FieldNames
{
    private static readonly string[] Names =
    [
        "metadata", "name", "source_range", "effects", "markers", "enabled", "color", "children", "kind",
        "media_references", "active_media_reference_key", "media_reference", "global_start_time", "tracks",
        "in_offset", "out_offset", "transition_type", "effect_name", "time_scalar", "marked_range", "range", "comment",
        "available_range", "available_image_bounds", "target_url", "generator_kind", "parameters", "target_url_base",
        "name_prefix", "name_suffix", "start_frame", "frame_step", "rate", "frame_zero_padding",
        "missing_frame_policy", "value", "duration", "start_time", "offset", "scale", "r", "g", "b", "a", "x", "y",
        "min", "max", "OTIO_SCHEMA", "OTIO_REF_ID",
    ];

    private static readonly byte[][] Utf8 = Array.ConvertAll(Names, System.Text.Encoding.UTF8.GetBytes);

    // Candidates by key length: keys are matched only against names of the same length.
    private static readonly FieldName[][] ByLength = BuildByLength();

    public static string ToName(FieldName f) => Names[(int)f];

    public static FieldName Match(ReadOnlySpan<byte> key)
    {
        if (key.Length >= ByLength.Length)
        {
            return FieldName.Unknown;
        }
        foreach (var f in ByLength[key.Length])
        {
            if (key.SequenceEqual(Utf8[(int)f]))
            {
                return f;
            }
        }
        return FieldName.Unknown;
    }

    private static FieldName[][] BuildByLength()
    {
        var max = 0;
        foreach (var n in Names)
        {
            max = Math.Max(max, n.Length);
        }
        var lists = new List<FieldName>[max + 1];
        for (var i = 0; i <= max; i++)
        {
            lists[i] = [];
        }
        for (var i = 0; i < Names.Length; i++)
        {
            lists[Names[i].Length].Add((FieldName)i);
        }
        return Array.ConvertAll(lists, l => l.ToArray());
    }
}
