namespace Editing.Host.Plugins;

/// <summary>What is wrong with a plugin.json.</summary>
public enum PluginManifestErrorKind
{
    /// <summary><c>UNREADABLE</c>: the file cannot be read.</summary>
    Unreadable,

    /// <summary><c>INVALID_JSON</c>: the text is not JSON (comments and trailing commas are allowed).</summary>
    InvalidJson,

    /// <summary><c>MISSING_FIELD</c>: a required field is absent.</summary>
    MissingField,

    /// <summary><c>TYPE_MISMATCH</c>: a field holds the wrong kind of JSON value.</summary>
    TypeMismatch,

    /// <summary><c>INVALID_VALUE</c>: a field's value is not acceptable (bad semver, bad range, unknown runtime...).</summary>
    InvalidValue,
}
