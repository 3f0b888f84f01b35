using System.Text.RegularExpressions;

namespace Editing.Conform.Rules;

/// <summary>
/// How a conform finds media: clip-name rules, the version pattern, reel aliases, the file extensions considered and
/// the version and handle policies. Read from a rules file with <see cref="ConformRulesReader"/> (format in
/// <c>docs/conform.md</c>); <see cref="Default"/> when no file is given.
/// </summary>
public sealed record ConformRules
{
    /// <summary>The time allowed to one regular-expression match before it is abandoned (guards against runaway patterns).</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The default version pattern: <c>_v</c> and digits at the end of the file name without extension (<c>sh010_comp_v003.mov</c>).</summary>
    public const string DefaultVersionPattern = @"_v(\d+)$";

    /// <summary>The rules used without a rules file.</summary>
    public static ConformRules Default { get; } = new();

    /// <summary>Clip-name rules, tried in order; the first whose clip regex matches is used.</summary>
    public IReadOnlyList<NamePattern> NamePatterns { get; init; } = [];

    /// <summary>
    /// Finds the version in a file name without its extension: the group named <c>version</c>, else group 1, must
    /// capture the digits; the last match in the name counts. Default <see cref="DefaultVersionPattern"/>.
    /// </summary>
    public Regex VersionPattern { get; init; } = new(DefaultVersionPattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexTimeout);

    /// <summary>
    /// Reel names as the timeline spells them (e.g. an EDL's 8-character reel) mapped to the reel the media carries;
    /// keys compare without case and ignoring characters other than letters and digits.
    /// </summary>
    public IReadOnlyDictionary<string, string> ReelAliases { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Optional: reads a media file's reel from its name without extension (the group named <c>reel</c>, else group 1).
    /// The whole name is always a reel candidate too.
    /// </summary>
    public Regex? ReelPattern { get; init; }

    /// <summary>
    /// The file extensions indexed (lower case, with the dot), in order of preference: when the same name exists with
    /// several extensions and the candidates are otherwise equally good, the earlier extension wins.
    /// </summary>
    public IReadOnlyList<string> Extensions { get; init; } = [".mov", ".mxf", ".mp4", ".m4v", ".mkv", ".avi", ".wav", ".aif", ".aiff"];

    /// <summary>When true (default) a versioned file is replaced by the newest version found; when false versions are kept as cut.</summary>
    public bool PreferNewestVersion { get; init; } = true;

    /// <summary>
    /// When false (default) handles are N source frames beyond the used source range. When true handles are N
    /// record frames, so they scale with the speed like the used range (a 2x clip needs 2N source frames each side,
    /// a freeze frame needs none).
    /// </summary>
    public bool HandlesFollowSpeed { get; init; }

    /// <summary>
    /// Where a clip's reel is read from: dotted paths into the clip's metadata, first found wins. Default
    /// <c>cmx_3600.reel</c> (what EDL readers store), <c>reel</c>, <c>reel_name</c>, <c>tape</c>.
    /// </summary>
    public IReadOnlyList<string> ClipReelKeys { get; init; } = ["cmx_3600.reel", "reel", "reel_name", "tape"];
}
