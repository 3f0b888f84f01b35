namespace Editing.Conformance;

/// <summary>One row of <c>conformance/otio/status.tsv</c>.</summary>
public sealed record ConformanceCase(string File, string Expected, bool ReadableBy018)
{
    public bool IsOk => Expected == "ok";

    /// <summary>The expected-output path without extension, e.g. <c>expected/baselines/empty_clip</c>.</summary>
    public string ExpectedStem
    {
        get
        {
            var ext = Path.GetExtension(File);
            return "expected/" + File[..^ext.Length];
        }
    }

    public override string ToString() => File;

    public static IReadOnlyList<ConformanceCase> Load()
    {
        var tsv = SharedData.Find("conformance/otio/status.tsv");
        if (tsv is null)
        {
            return [];
        }
        return System.IO.File.ReadAllLines(tsv)
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(p => new ConformanceCase(p[0], p[1], p[2] == "yes"))
            .ToList();
    }

    /// <summary>Theory data: one row per case, or a single placeholder row when the shared data is absent.</summary>
    public static IEnumerable<object[]> Rows(Func<ConformanceCase, bool> filter)
    {
        var cases = Load();
        if (cases.Count == 0)
        {
            yield return [Absent];
            yield break;
        }
        foreach (var c in cases.Where(filter))
        {
            yield return [c.File];
        }
    }

    public const string Absent = "(../shared/conformance absent)";

    public static ConformanceCase? Get(string file) => Load().FirstOrDefault(c => c.File == file);

    public static string Otio(string relative) => Path.Combine(SharedData.Folder!, "conformance", "otio", relative);
}
