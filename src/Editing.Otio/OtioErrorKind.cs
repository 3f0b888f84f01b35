namespace Editing.Otio;

/// <summary>
/// The kind of a refusal, named as OpenTimelineIO's <c>ErrorStatus</c> outcomes and opentime error codes so that a
/// script can match them against the reference library's behaviour.
/// </summary>
public enum OtioErrorKind
{
    /// <summary>The operation is not defined for this kind of object (e.g. the available range of a gap).</summary>
    NotImplemented,
    /// <summary>An <c>OTIO_SCHEMA</c> string that is not <c>Name.version</c>.</summary>
    MalformedSchema,
    /// <summary>The text is not valid JSON (or the JSON dialect OTIO accepts).</summary>
    JsonParseError,
    /// <summary>A child was added to a composition while it already had a parent.</summary>
    ChildAlreadyParented,
    /// <summary>A file could not be opened or read.</summary>
    FileOpenFailed,
    /// <summary>A file could not be written.</summary>
    FileWriteFailed,
    /// <summary>A schema version newer than this library supports.</summary>
    SchemaVersionUnsupported,
    /// <summary>A required key is missing.</summary>
    KeyNotFound,
    /// <summary>An index outside the children of a composition.</summary>
    IllegalIndex,
    /// <summary>A value of the wrong JSON type or the wrong schema for its slot.</summary>
    TypeMismatch,
    /// <summary>An internal invariant failed (e.g. no downgrader for a requested schema version).</summary>
    InternalError,
    /// <summary>The object is not an item.</summary>
    NotAnItem,
    /// <summary>The object is not a child (or descendant) of the composition asked.</summary>
    NotAChildOf,
    /// <summary>The object has no parent.</summary>
    NotAChild,
    /// <summary>The object does not descend from the given one.</summary>
    NotDescendedFrom,
    /// <summary>No available range: the clip has no active media reference or it has no range.</summary>
    CannotComputeAvailableRange,
    /// <summary>A time range that is empty or outside the allowed bounds.</summary>
    InvalidTimeRange,
    /// <summary>The object has no duration.</summary>
    ObjectWithoutDuration,
    /// <summary>A transition would have to be trimmed.</summary>
    CannotTrimTransition,
    /// <summary>The object graph has a cycle.</summary>
    ObjectCycle,
    /// <summary>Bounds could not be computed.</summary>
    CannotComputeBounds,
    /// <summary>The active media reference key is not among the clip's media references.</summary>
    MediaReferencesDoNotContainActiveKey,
    /// <summary>A media reference key is empty.</summary>
    MediaReferencesContainEmptyKey,
    /// <summary>A bundle (.otioz/.otiod) is malformed, or an entry escapes it.</summary>
    BundleError,
    /// <summary>The rate is not a SMPTE timecode rate.</summary>
    InvalidTimecodeRate,
    /// <summary>Drop-frame timecode was asked for at a rate that has none.</summary>
    InvalidRateForDropFrameTimecode,
    /// <summary>The text is not a SMPTE timecode.</summary>
    InvalidTimecodeString,
    /// <summary>The timecode's frame field is not below the rate.</summary>
    TimecodeRateMismatch,
    /// <summary>The text is not a time string.</summary>
    InvalidTimeString,
    /// <summary>A negative value where only non-negative ones are allowed.</summary>
    NegativeValue,
}
