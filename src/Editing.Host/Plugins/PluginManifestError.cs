using System.Globalization;

namespace Editing.Host.Plugins;

/// <summary>
/// One problem in a plugin.json, located like every other input error of the editing tools:
/// <c>/plugins/relight/plugin.json:4:14: INVALID_VALUE at version: '1.x' is not a semantic version ...</c>.
/// </summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="ManifestPath">The plugin.json path.</param>
/// <param name="Line">1-based line of the offending value (of the enclosing object for a missing field); 0 when the
/// file could not be read.</param>
/// <param name="Column">1-based column (in characters) on that line; 0 when unknown.</param>
/// <param name="JsonPath">Where in the document: <c>version</c>, <c>tools[1]</c>, <c>timeouts.runSeconds</c>, <c>$</c>
/// for the whole document, empty for syntax errors.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record PluginManifestError(PluginManifestErrorKind Kind, string ManifestPath, int Line, int Column, string JsonPath, string Message)
{
    /// <summary>The kind as written in messages (<c>MISSING_FIELD</c>).</summary>
    public string KindText => Kind switch
    {
        PluginManifestErrorKind.Unreadable => "UNREADABLE",
        PluginManifestErrorKind.InvalidJson => "INVALID_JSON",
        PluginManifestErrorKind.MissingField => "MISSING_FIELD",
        PluginManifestErrorKind.TypeMismatch => "TYPE_MISMATCH",
        _ => "INVALID_VALUE",
    };

    /// <summary><c>FILE:LINE:COLUMN: KIND at PATH: message</c> (location parts omitted when unknown).</summary>
    public override string ToString()
    {
        var location = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{ManifestPath}:{Line}:{Column}") : ManifestPath;
        var at = JsonPath.Length > 0 ? " at " + JsonPath : "";
        return $"{location}: {KindText}{at}: {Message}";
    }
}
