using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Editing.Host.Caching;

/// <summary>
/// A content-addressed store of finished tool runs: the delivered media, their provenance records and the edits, by
/// a key made from everything that decides the output (tool and version, provider, model, normalized parameters with
/// the seed, and the SHA-256 of every input file). An identical request later — from any timeline or process —
/// reuses the stored media without calling the tool or the provider.
/// <para>Layout under <see cref="Root"/>: <c>v1/entries/ab/abcdef…/</c> (one folder per key: <c>entry.json</c> and the
/// files; its modification time is the last use), <c>v1/hashes/</c> (SHA-256 of input files memoised by path, size
/// and modification time), <c>v1/tmp/</c>. Entries appear by renaming a complete folder, so readers never see a half
/// entry; concurrent writers of the same key keep the first. Eviction (least recently used first, down to
/// <see cref="MaxBytes"/>) runs under a lock file and spares entries used in the last minute.</para>
/// </summary>
public sealed class ResultCache
{
    /// <summary>Turns the cache off when set to <c>1</c> (<c>--no-cache</c>).</summary>
    public const string DisableVariable = "EDITING_NO_CACHE";

    /// <summary>The cache folder (default <c>$XDG_CACHE_HOME/editing</c> or <c>~/.cache/editing</c>).</summary>
    public const string DirectoryVariable = "EDITING_CACHE_DIR";

    /// <summary>The size limit, in bytes or with a K/M/G/T suffix (default 20G).</summary>
    public const string MaxSizeVariable = "EDITING_CACHE_MAX_SIZE";

    /// <summary>The default size limit: 20 GiB.</summary>
    public const long DefaultMaxBytes = 20L << 30;

    private static readonly TimeSpan RecentUse = TimeSpan.FromMinutes(1);

    /// <summary>Opens (creating) a cache at <paramref name="root"/> limited to <paramref name="maxBytes"/>.</summary>
    public ResultCache(string root, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        Root = Path.GetFullPath(root);
        MaxBytes = maxBytes;
        Directory.CreateDirectory(EntriesRoot);
        Directory.CreateDirectory(HashesRoot);
        Directory.CreateDirectory(TempRoot);
    }

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    /// <summary>The size limit in bytes.</summary>
    public long MaxBytes { get; }

    private string EntriesRoot => Path.Combine(Root, "v1", "entries");

    private string HashesRoot => Path.Combine(Root, "v1", "hashes");

    private string TempRoot => Path.Combine(Root, "v1", "tmp");

    /// <summary>
    /// The cache the environment asks for: null when <c>EDITING_NO_CACHE=1</c>, else at <c>EDITING_CACHE_DIR</c> (or
    /// the default folder) with <c>EDITING_CACHE_MAX_SIZE</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The size limit cannot be read.</exception>
    public static ResultCache? FromEnvironment(string? directory = null, string? maxSize = null)
    {
        if (directory is null && Environment.GetEnvironmentVariable(DisableVariable) is "1" or "true")
        {
            return null;
        }

        var root = directory ?? Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(root))
        {
            var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            root = Path.Combine(string.IsNullOrEmpty(cacheHome)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : cacheHome, "editing");
        }

        var size = maxSize ?? Environment.GetEnvironmentVariable(MaxSizeVariable);
        return new ResultCache(root, string.IsNullOrEmpty(size) ? DefaultMaxBytes : ParseSize(size));
    }

    /// <summary>Reads <c>500M</c>, <c>20G</c>, <c>1.5T</c> or a plain byte count.</summary>
    /// <exception cref="ArgumentException">Not a size.</exception>
    public static long ParseSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToUpperInvariant().TrimEnd('B').TrimEnd('I');
        var multiplier = t.Length == 0 ? 1L : t[^1] switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            _ => 1L,
        };
        var number = multiplier == 1 ? t : t[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
        {
            throw new ArgumentException($"'{text}' is not a size (e.g. 500M, 20G or a number of bytes)", nameof(text));
        }

        return (long)Math.Min(long.MaxValue, value * multiplier);
    }

    /// <summary>The key of a canonical description of a request (sorted-key JSON, see <see cref="Canonical"/>).</summary>
    public static string KeyOf(JsonNode description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(description))));
    }

    /// <summary>JSON text with object keys sorted, so equal descriptions give equal keys.</summary>
    public static string Canonical(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();

        static void Write(JsonNode? n, StringBuilder sb)
        {
            switch (n)
            {
                case null:
                    sb.Append("null");
                    break;
                case JsonObject o:
                    sb.Append('{');
                    var first = true;
                    foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }

                        first = false;
                        sb.Append(JsonSerializer.Serialize(k)).Append(':');
                        Write(v, sb);
                    }

                    sb.Append('}');
                    break;
                case JsonArray a:
                    sb.Append('[');
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(',');
                        }

                        Write(a[i], sb);
                    }

                    sb.Append(']');
                    break;
                default:
                    sb.Append(n.ToJsonString());
                    break;
            }
        }
    }

    /// <summary>The SHA-256 of a file, memoised by full path, size and modification time (so unchanged inputs are
    /// hashed once, across processes).</summary>
    public async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(Path.GetFullPath(path));
        var stamp = $"{info.FullName}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}";
        var memo = Path.Combine(HashesRoot, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stamp)))[..32]);
        if (File.Exists(memo))
        {
            try
            {
                var known = await File.ReadAllTextAsync(memo, cancellationToken).ConfigureAwait(false);
                if (known.Length == 64)
                {
                    return known;
                }
            }
            catch (IOException)
            {
            }
        }

        string hash;
        await using (var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        var temp = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(temp, hash, cancellationToken).ConfigureAwait(false);
        File.Move(temp, memo, overwrite: true);
        return hash;
    }

    /// <summary>A small remembered text (a probe, by a name derived from the file's identity), or null.</summary>
    internal string? ReadMemo(string kind, string name)
    {
        var path = Path.Combine(Root, "v1", kind, name);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Remembers a small text atomically.</summary>
    internal void WriteMemo(string kind, string name, string text)
    {
        var folder = Path.Combine(Root, "v1", kind);
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));
        File.WriteAllText(temp, text);
        File.Move(temp, Path.Combine(folder, name), overwrite: true);
    }

    private string EntryFolder(string key) => Path.Combine(EntriesRoot, key[..2], key);

    /// <summary>
    /// The stored entry for <paramref name="key"/>, marked as just used, or null. The caller copies what it needs
    /// out of <see cref="CacheEntry.Folder"/> at once; an entry evicted meanwhile shows as an IOException, which the
    /// caller treats as a miss.
    /// </summary>
    public CacheEntry? TryGet(string key)
    {
        var folder = EntryFolder(key);
        var manifest = Path.Combine(folder, CacheEntry.ManifestName);
        if (!File.Exists(manifest))
        {
            return null;
        }

        try
        {
            Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow);
            var json = JsonNode.Parse(File.ReadAllBytes(manifest)) as JsonObject;
            return json is null ? null : new CacheEntry(key, folder, json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores an entry: <paramref name="fill"/> writes the files into an empty folder and returns the manifest; the
    /// folder then appears under the key in one rename. When another process stored the key first, its entry stays.
    /// Evicts least recently used entries if the cache grew over <see cref="MaxBytes"/>.
    /// </summary>
    public async Task PutAsync(string key, Func<string, Task<JsonObject>> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var staging = Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = await fill(staging).ConfigureAwait(false);
            manifest["key"] = key;
            await File.WriteAllTextAsync(Path.Combine(staging, CacheEntry.ManifestName), manifest.ToJsonString()).ConfigureAwait(false);
            var target = EntryFolder(key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another process stored the same key first: equal content, keep theirs.
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        Evict();
    }

    /// <summary>Total size of the stored entries in bytes.</summary>
    public long SizeInBytes() => Entries().Sum(e => e.Bytes);

    /// <summary>Removes least recently used entries until the cache fits <see cref="MaxBytes"/>; entries used within
    /// the last minute are kept (a process may be copying from them). Returns the number removed.</summary>
    public int Evict()
    {
        using var gate = TryLock();
        if (gate is null)
        {
            return 0; // another process is evicting
        }

        var entries = Entries().OrderBy(e => e.LastUse).ToList();
        var total = entries.Sum(e => e.Bytes);
        var removed = 0;
        foreach (var e in entries)
        {
            if (total <= MaxBytes)
            {
                break;
            }

            if (DateTime.UtcNow - e.LastUse < RecentUse)
            {
                continue;
            }

            try
            {
                // Rename first so readers stop finding it, then delete.
                var doomed = Path.Combine(TempRoot, "evict-" + Guid.NewGuid().ToString("N"));
                Directory.Move(e.Folder, doomed);
                Directory.Delete(doomed, recursive: true);
                total -= e.Bytes;
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }

    private IEnumerable<(string Folder, long Bytes, DateTime LastUse)> Entries()
    {
        if (!Directory.Exists(EntriesRoot))
        {
            yield break;
        }

        foreach (var shard in Directory.EnumerateDirectories(EntriesRoot))
        {
            foreach (var folder in Directory.EnumerateDirectories(shard))
            {
                long bytes = 0;
                DateTime lastUse;
                try
                {
                    bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
                    lastUse = Directory.GetLastWriteTimeUtc(folder);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                yield return (folder, bytes, lastUse);
            }
        }
    }

    private FileStream? TryLock()
    {
        try
        {
            return new FileStream(Path.Combine(Root, "v1", "evict.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>A stored entry: its folder and manifest.</summary>
/// <param name="Key">The key.</param>
/// <param name="Folder">The entry's folder (files are named in the manifest, relative to it).</param>
/// <param name="Manifest">What the storer wrote.</param>
public sealed record CacheEntry(string Key, string Folder, JsonObject Manifest)
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestName = "entry.json";
}
