using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Otio.Tests.Bundles;

/// <summary>A temporary folder for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "otio-bundle-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes a small media file with bytes derived from its name and returns its full path.</summary>
    public string Media(string relative, int size = 100)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, BundleTestSupport.Bytes(relative, size));
        return path;
    }

    /// <summary>Everything under the root, as relative paths with forward slashes, sorted.</summary>
    public List<string> Listing()
    {
        var all = Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .ToList();
        all.Sort(StringComparer.Ordinal);
        return all;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Fixtures and raw zip inspection for the bundle tests.</summary>
internal static class BundleTestSupport
{
    public static byte[] Bytes(string seed, int size)
    {
        var bytes = new byte[size];
        var h = (uint)seed.Length * 2654435761u;
        foreach (var c in seed)
        {
            h = (h ^ c) * 16777619u;
        }
        for (var i = 0; i < size; i++)
        {
            h = (h * 1103515245u) + 12345u;
            bytes[i] = (byte)(h >> 16);
        }
        return bytes;
    }

    public static TimeRange Range(double start, double duration, double rate = 24) =>
        new(new RationalTime(start, rate), new RationalTime(duration, rate));

    public static Timeline OneTrack(params Composable[] children)
    {
        var timeline = new Timeline("bundle test");
        var track = new Track { Name = "V1" };
        foreach (var c in children)
        {
            track.Children.Add(c);
        }
        timeline.Tracks!.Children.Add(track);
        return timeline;
    }

    public static List<Clip> Clips(SerializableObject root)
    {
        var result = new List<Clip>();
        void Walk(SerializableObject o)
        {
            switch (o)
            {
                case Clip c:
                    result.Add(c);
                    break;
                case Timeline { Tracks: { } t }:
                    Walk(t);
                    break;
                case Composition comp:
                    foreach (var child in comp.Children)
                    {
                        Walk(child);
                    }
                    break;
            }
        }
        Walk(root);
        return result;
    }

    public static Clip ClipNamed(SerializableObject root, string name) => Clips(root).Single(c => c.Name == name);

    /// <summary>One central-directory record of a zip: name, compression method (0 stored, 8 deflate), external attributes.</summary>
    public sealed record RawEntry(string Name, int Method, uint ExternalAttributes);

    /// <summary>Reads the central directory of a zip file in order, without System.IO.Compression.</summary>
    public static List<RawEntry> RawEntries(string zipPath)
    {
        var data = File.ReadAllBytes(zipPath);
        var eocd = -1;
        for (var i = data.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i)) == 0x06054b50)
            {
                eocd = i;
                break;
            }
        }
        Assert.True(eocd >= 0, "no end-of-central-directory record");
        int count = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(eocd + 10));
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(eocd + 16));
        var entries = new List<RawEntry>();
        for (var n = 0; n < count; n++)
        {
            Assert.Equal(0x02014b50u, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset)));
            int method = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 10));
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 28));
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 30));
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 32));
            var external = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 38));
            var name = Encoding.UTF8.GetString(data, offset + 46, nameLength);
            entries.Add(new RawEntry(name, method, external));
            offset += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    public static byte[] ReadEntry(string zipPath, string name)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"no entry {name}");
        using var s = entry.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>A minimal content.otio: one clip whose media is at <c>media/a.mov</c>.</summary>
    public const string SmallContent = """
        {
            "OTIO_SCHEMA": "Timeline.1",
            "name": "old bundle",
            "tracks": {
                "OTIO_SCHEMA": "Stack.1",
                "name": "tracks",
                "children": [
                    {
                        "OTIO_SCHEMA": "Track.1",
                        "name": "V1",
                        "kind": "Video",
                        "children": [
                            {
                                "OTIO_SCHEMA": "Clip.1",
                                "name": "a",
                                "source_range": null,
                                "media_reference": {
                                    "OTIO_SCHEMA": "ExternalReference.1",
                                    "name": "",
                                    "available_range": null,
                                    "target_url": "media/a.mov",
                                    "metadata": {}
                                },
                                "metadata": {}
                            }
                        ]
                    }
                ]
            }
        }
        """;

    /// <summary>Builds a zip by hand: entries are (name, bytes, unix mode or 0).</summary>
    public static void WriteZip(string path, params (string Name, byte[] Bytes, int UnixMode)[] entries)
    {
        using var fs = new FileStream(path, FileMode.CreateNew);
        using var zip = new ZipArchive(fs, ZipArchiveMode.Create);
        foreach (var (name, bytes, mode) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            if (mode != 0)
            {
                entry.ExternalAttributes = mode << 16;
            }
            using var s = entry.Open();
            s.Write(bytes);
        }
    }
}
