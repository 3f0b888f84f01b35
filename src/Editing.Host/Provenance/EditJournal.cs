using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Otio.Serialization;

namespace Editing.Host.Provenance;

/// <summary>One line of a timeline's journal.</summary>
/// <param name="Sequence">1, 2, 3... in order of writing.</param>
/// <param name="Action"><c>apply</c> or <c>undo</c>.</param>
/// <param name="Who">The operator.</param>
/// <param name="When">UTC time of writing.</param>
/// <param name="Summary">What was done, in a line (<c>editing.extend on sh010 (--param duration=2s)</c>).</param>
/// <param name="Json">The whole entry.</param>
public sealed record JournalEntry(int Sequence, string Action, string Who, DateTimeOffset When, string Summary, JsonObject Json)
{
    /// <summary>The sequence number of the apply an undo entry reverted, else null.</summary>
    public int? Undoes => Json["undoes"]?.GetValue<int>();
}

/// <summary>The problem with an undo or a journal (exit 2).</summary>
public sealed class JournalException(string message) : Exception(message);

/// <summary>
/// The edit history of one timeline file: a journal of every <c>editing apply</c> that wrote it (who, when, what,
/// inputs, outputs) and a copy of each version it replaced, in the folder <c>&lt;timeline file&gt;.history/</c> beside
/// it (<c>journal.jsonl</c>, one JSON object per line, and <c>versions/</c>). <see cref="Undo"/> restores the
/// version before the last apply byte for byte.
/// </summary>
public sealed class EditJournal
{
    private const string JournalName = "journal.jsonl";

    private EditJournal(string timelinePath)
    {
        TimelinePath = Path.GetFullPath(timelinePath);
        Folder = TimelinePath + ".history";
    }

    /// <summary>The journal of <paramref name="timelinePath"/>.</summary>
    public static EditJournal For(string timelinePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(timelinePath);
        return new EditJournal(timelinePath);
    }

    /// <summary>The timeline file.</summary>
    public string TimelinePath { get; }

    /// <summary>The history folder.</summary>
    public string Folder { get; }

    /// <summary>The journal file.</summary>
    public string JournalPath => Path.Combine(Folder, JournalName);

    /// <summary>
    /// Before the timeline is overwritten: keeps a copy of its current bytes in <c>versions/</c> and returns the
    /// entry's <c>previous_version</c> object, or null when there is no file yet (or it is a folder bundle).
    /// </summary>
    public JsonObject? KeepCurrentVersion()
    {
        if (!File.Exists(TimelinePath))
        {
            return null;
        }

        var versions = Path.Combine(Folder, "versions");
        Directory.CreateDirectory(versions);
        var bytes = File.ReadAllBytes(TimelinePath);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // Content-addressed: the same version kept twice is one file.
        var name = $"{sha[..16]}{Path.GetExtension(TimelinePath)}";
        var target = Path.Combine(versions, name);
        if (!File.Exists(target))
        {
            AtomicFile.Write(target, s => s.Write(bytes));
        }

        return new JsonObject { ["file"] = $"versions/{name}", ["sha256"] = sha, ["bytes"] = bytes.LongLength };
    }

    /// <summary>Appends an entry; sets its <c>seq</c>, <c>when</c> and <c>who</c> unless given.</summary>
    public JournalEntry Append(JsonObject entry, string who)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(Folder);
        using var gate = Lock();
        var sequence = ReadAll().Count + 1;
        var ordered = new JsonObject
        {
            ["seq"] = sequence,
            ["action"] = entry["action"]?.GetValue<string>() ?? "apply",
            ["who"] = who,
            ["when"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["machine"] = Environment.MachineName,
        };
        foreach (var (k, v) in entry)
        {
            if (!ordered.ContainsKey(k))
            {
                ordered[k] = v?.DeepClone();
            }
        }

        var line = ordered.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        using (var stream = new FileStream(JournalPath, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        return Parse(ordered, sequence);
    }

    /// <summary>Every entry, oldest first; empty when the timeline has no journal.</summary>
    /// <exception cref="JournalException">A line is not a JSON object (the message names the line).</exception>
    public IReadOnlyList<JournalEntry> ReadAll()
    {
        if (!File.Exists(JournalPath))
        {
            return [];
        }

        var entries = new List<JournalEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(JournalPath))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            JsonObject? obj;
            try
            {
                obj = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException e)
            {
                throw new JournalException($"{JournalPath}:{number}: not a JSON object ({e.Message})");
            }

            if (obj is null)
            {
                throw new JournalException($"{JournalPath}:{number}: not a JSON object");
            }

            entries.Add(Parse(obj, number));
        }

        return entries;
    }

    /// <summary>
    /// Restores the timeline as it was before the last apply that has not been undone, byte for byte, keeping the
    /// current file in <c>versions/</c> and journaling the undo. Media written by the undone apply stay on disk.
    /// </summary>
    /// <exception cref="JournalException">Nothing to undo, or the version to restore is gone or damaged.</exception>
    public JournalEntry Undo(string who)
    {
        var entries = ReadAll();
        var undone = entries.Where(e => e.Undoes is not null).Select(e => e.Undoes!.Value).ToHashSet();
        var last = entries.LastOrDefault(e => e.Action == "apply" && !undone.Contains(e.Sequence))
            ?? throw new JournalException($"{TimelinePath}: nothing to undo ({(entries.Count == 0 ? "no journal" : "every apply in the journal is already undone")})");
        if (last.Json["previous_version"] is not JsonObject previous)
        {
            throw new JournalException($"{TimelinePath}: apply #{last.Sequence} created this file; there is no earlier version of it to restore");
        }

        var file = Path.Combine(Folder, previous["file"]!.GetValue<string>());
        if (!File.Exists(file))
        {
            throw new JournalException($"{TimelinePath}: the version before apply #{last.Sequence} ({file}) is missing");
        }

        var bytes = File.ReadAllBytes(file);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha, previous["sha256"]!.GetValue<string>(), StringComparison.Ordinal))
        {
            throw new JournalException($"{TimelinePath}: the version before apply #{last.Sequence} ({file}) is damaged (SHA-256 differs from the journal)");
        }

        var replaced = KeepCurrentVersion();
        AtomicFile.Write(TimelinePath, s => s.Write(bytes));
        return Append(new JsonObject
        {
            ["action"] = "undo",
            ["undoes"] = last.Sequence,
            ["summary"] = $"undo #{last.Sequence}: {last.Summary}",
            ["restored"] = previous.DeepClone(),
            ["replaced_version"] = replaced,
        }, who);
    }

    private IDisposable Lock()
    {
        var path = Path.Combine(Folder, "journal.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 200)
            {
                Thread.Sleep(25);
            }
        }
    }

    private static JournalEntry Parse(JsonObject obj, int line)
    {
        string Text(string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        var sequence = obj["seq"] is JsonValue sv && sv.TryGetValue<int>(out var n) ? n : line;
        var when = DateTimeOffset.TryParse(Text("when"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var w) ? w : DateTimeOffset.MinValue;
        return new JournalEntry(sequence, Text("action"), Text("who"), when, Text("summary"), obj);
    }
}
