namespace Editing.Otio.Algorithms;

/// <summary>
/// The reference library's texts for refused computations. The range algorithms raise their
/// <see cref="OtioException"/>s with exactly these messages so that the conformance facts (which print the reference's
/// <c>ErrorStatus::details</c>) can be reproduced from <see cref="Exception.Message"/>.
/// </summary>
internal static class ReferenceErrors
{
    /// <summary>The clip has no media reference under its active key.</summary>
    public const string NoMediaReference = "No media reference set on clip";

    /// <summary>The clip's active media reference has no available range.</summary>
    public const string NoAvailableRangeOnMedia = "No available_range set on media reference on clip";

    /// <summary>track_trimmed_to_range would cut a transition.</summary>
    public const string CannotTrimInTransition = "Cannot trim in the middle of a transition";

    /// <summary>An image sequence with rate 0.</summary>
    public const string ZeroRateSequence = "Zero rate sequence has no frames.";

    /// <summary>An image sequence without an available range or with a zero-length one.</summary>
    public const string ZeroDurationSequence = "Zero duration sequences has no frames.";

    /// <summary>A refusal of <paramref name="kind"/> with the reference's generic text for it.</summary>
    public static OtioException Create(OtioErrorKind kind) => new(kind, Outcome(kind));

    /// <summary>A refusal of <paramref name="kind"/> with a specific reference text.</summary>
    public static OtioException Create(OtioErrorKind kind, string details) => new(kind, details);

    /// <summary>The reference's <c>ErrorStatus::outcome_to_string</c> for a kind.</summary>
    public static string Outcome(OtioErrorKind kind) => kind switch
    {
        OtioErrorKind.NotImplemented => "method not implemented for this class",
        OtioErrorKind.MalformedSchema => "schema specifier is malformed/illegal",
        OtioErrorKind.JsonParseError => "JSON parse error",
        OtioErrorKind.ChildAlreadyParented => "child already has a parent",
        OtioErrorKind.FileOpenFailed => "failed to open file for reading",
        OtioErrorKind.FileWriteFailed => "failed to open file for writing",
        OtioErrorKind.KeyNotFound => "key not present reading from dictionary",
        OtioErrorKind.IllegalIndex => "illegal index",
        OtioErrorKind.TypeMismatch => "type mismatch while decoding",
        OtioErrorKind.InternalError => "internal error (aka \"this code has a bug\")",
        OtioErrorKind.NotDescendedFrom => "item is not a descendent of specified object",
        OtioErrorKind.NotAChildOf => "item is not a child of specified object",
        OtioErrorKind.NotAnItem => "object is not descendent of Item type",
        OtioErrorKind.SchemaVersionUnsupported => "unsupported schema version",
        OtioErrorKind.NotAChild => "item has no parent",
        OtioErrorKind.CannotComputeAvailableRange => "Cannot compute available range",
        OtioErrorKind.InvalidTimeRange => "computed time range would be invalid",
        OtioErrorKind.ObjectWithoutDuration => "cannot compute duration on this type of object",
        OtioErrorKind.CannotTrimTransition => "cannot trim transition",
        OtioErrorKind.CannotComputeBounds => "cannot compute image bounds",
        OtioErrorKind.MediaReferencesDoNotContainActiveKey => "active key not found in media references",
        OtioErrorKind.MediaReferencesContainEmptyKey => "the media references cannot contain an empty key",
        _ => "unknown/illegal ErrorStatus::Outcome code",
    };
}
