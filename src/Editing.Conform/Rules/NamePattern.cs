using System.Text.RegularExpressions;

namespace Editing.Conform.Rules;

/// <summary>
/// One clip-name rule: clips whose name matches <see cref="Clip"/> are looked for as files matching
/// <see cref="FilePattern"/>, a file-name glob (<c>*</c>, <c>?</c>, case-insensitive) in which <c>$1</c> or
/// <c>${name}</c> stand for the clip regex's groups. Example: clip <c>^(?&lt;shot&gt;sh\d{3})</c>, file
/// <c>${shot}_comp_v*.mov</c>: clip <c>sh010 comp</c> looks for <c>sh010_comp_v*.mov</c>.
/// </summary>
/// <param name="Clip">The regular expression tried on the clip name (search, not a full match; anchor it to be strict).</param>
/// <param name="FilePattern">The glob the file name must match after substitution. A literal start (before the first wildcard) makes the lookup an index range instead of a scan.</param>
public sealed record NamePattern(Regex Clip, string FilePattern);
