namespace Editing.Host.Plugins;

/// <summary>A plugin.json could not be read or is not valid; <see cref="Errors"/> lists every problem found.</summary>
public sealed class PluginManifestException : Exception
{
    /// <summary>Creates the exception; the message is the errors, one per line.</summary>
    public PluginManifestException(IReadOnlyList<PluginManifestError> errors)
        : base(string.Join(Environment.NewLine, errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("at least one error is needed", nameof(errors));
        }

        Errors = errors;
    }

    /// <summary>Every problem, in document order (syntax errors stop at the first).</summary>
    public IReadOnlyList<PluginManifestError> Errors { get; }

    /// <summary>The plugin.json path.</summary>
    public string ManifestPath => Errors[0].ManifestPath;
}
