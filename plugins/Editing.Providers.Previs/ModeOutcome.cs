namespace Editing.Providers.Previs;

/// <summary>What a mode produced: the file and what is worth recording about how (motion found, strength used).</summary>
internal sealed record ModeOutcome(string Path, IReadOnlyList<KeyValuePair<string, object>> Details)
{
    public static ModeOutcome Of(string path, params (string Key, object Value)[] details) =>
        new(path, details.Select(d => new KeyValuePair<string, object>(d.Key, d.Value)).ToList());
}
