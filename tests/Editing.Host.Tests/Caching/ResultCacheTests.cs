using System.Text.Json.Nodes;
using Editing.Host.Caching;

namespace Editing.Host.Tests.Caching;

public sealed class ResultCacheTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Task Put(ResultCache cache, string key, int bytes) =>
        cache.PutAsync(key, async folder =>
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "0.mov"), new byte[bytes]);
            return new JsonObject { ["outputs"] = new JsonArray() };
        });

    private static string Key(string text) => ResultCache.KeyOf(JsonValue.Create(text)!);

    [Fact]
    public async Task A_stored_entry_is_found_by_its_key_with_its_files_and_manifest()
    {
        var cache = new ResultCache(_temp.Path);
        var key = Key("a");

        Assert.Null(cache.TryGet(key));
        await Put(cache, key, 100);
        var entry = cache.TryGet(key);

        Assert.NotNull(entry);
        Assert.Equal(key, entry!.Manifest["key"]!.GetValue<string>());
        Assert.Equal(100, new FileInfo(Path.Combine(entry.Folder, "0.mov")).Length);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path, "v1", "tmp")));
    }

    [Fact]
    public void Keys_do_not_depend_on_the_order_of_object_fields()
    {
        var a = JsonNode.Parse("""{"tool":"editing.extend","values":{"seed":1,"duration":{"value":48,"rate":24}}}""")!;
        var b = JsonNode.Parse("""{"values":{"duration":{"rate":24,"value":48},"seed":1},"tool":"editing.extend"}""")!;
        var c = JsonNode.Parse("""{"values":{"duration":{"rate":24,"value":48},"seed":2},"tool":"editing.extend"}""")!;

        Assert.Equal(ResultCache.KeyOf(a), ResultCache.KeyOf(b));
        Assert.NotEqual(ResultCache.KeyOf(a), ResultCache.KeyOf(c));
    }

    [Fact]
    public async Task Concurrent_writers_of_the_same_key_leave_one_complete_entry()
    {
        var key = Key("same");
        // Separate instances, as separate processes would have.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Put(new ResultCache(_temp.Path), key, 4096))));

        var entry = new ResultCache(_temp.Path).TryGet(key);
        Assert.NotNull(entry);
        Assert.Equal(2, Directory.GetFiles(entry!.Folder).Length);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path, "v1", "tmp")));
    }

    [Fact]
    public async Task Eviction_removes_the_least_recently_used_entries_until_the_cache_fits()
    {
        var cache = new ResultCache(_temp.Path, maxBytes: 2500);
        var keys = new[] { Key("old"), Key("middle"), Key("new") };
        var big = new ResultCache(_temp.Path, maxBytes: long.MaxValue);
        foreach (var k in keys)
        {
            await Put(big, k, 1000);
        }

        // Use times: "old" 3 h ago, "middle" 2 h ago, "new" 1 h ago; then "old" is read again (now most recent).
        for (var i = 0; i < keys.Length; i++)
        {
            Directory.SetLastWriteTimeUtc(big.TryGet(keys[i])!.Folder, DateTime.UtcNow.AddHours(i - 3));
        }

        Assert.NotNull(cache.TryGet(keys[0]));
        Directory.SetLastWriteTimeUtc(cache.TryGet(keys[0])!.Folder, DateTime.UtcNow.AddMinutes(-5));

        var removed = cache.Evict();

        Assert.Equal(1, removed);
        Assert.NotNull(cache.TryGet(keys[0]));
        Assert.Null(cache.TryGet(keys[1]));
        Assert.NotNull(cache.TryGet(keys[2]));
        Assert.True(cache.SizeInBytes() <= 2500);
    }

    [Fact]
    public async Task Entries_used_within_the_last_minute_are_not_evicted_even_over_the_limit()
    {
        var cache = new ResultCache(_temp.Path, maxBytes: 10);
        await Put(cache, Key("fresh"), 1000);

        Assert.Equal(0, cache.Evict());
        Assert.NotNull(cache.TryGet(Key("fresh")));
    }

    [Fact]
    public async Task File_hashes_are_memoised_but_follow_changes_to_the_file()
    {
        var cache = new ResultCache(_temp.Combine("cache"));
        var file = _temp.Write("media/a.mov", "first");
        var first = await cache.HashFileAsync(file, CancellationToken.None);
        Assert.Equal(first, await cache.HashFileAsync(file, CancellationToken.None));

        File.WriteAllText(file, "second, longer");
        var second = await cache.HashFileAsync(file, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), second);
    }

    [Theory]
    [InlineData("1024", 1024L)]
    [InlineData("500M", 500L << 20)]
    [InlineData("20G", 20L << 30)]
    [InlineData("1.5T", 3L << 39)]
    [InlineData("64KiB", 64L << 10)]
    public void Sizes_read_with_binary_suffixes(string text, long bytes) => Assert.Equal(bytes, ResultCache.ParseSize(text));

    [Fact]
    public void A_size_that_is_not_a_size_is_refused() =>
        Assert.Contains("is not a size", Assert.Throws<ArgumentException>(() => ResultCache.ParseSize("lots")).Message);
}

public sealed class MetadataJsonTests
{
    [Fact]
    public void Integers_stay_integers_through_a_json_round_trip()
    {
        var block = new Editing.Otio.Schema.OtioDictionary { ["seed"] = 0L, ["strength"] = 0.5, ["big"] = 1234567890123L };

        using var doc = System.Text.Json.JsonDocument.Parse(Editing.Host.Edits.MetadataJson.ToElement(block).GetRawText());
        var back = (Editing.Otio.Schema.OtioDictionary)Editing.Host.Edits.MetadataJson.FromElement(doc.RootElement)!;

        Assert.IsType<long>(back["seed"]);
        Assert.IsType<long>(back["big"]);
        Assert.IsType<double>(back["strength"]);
    }
}
