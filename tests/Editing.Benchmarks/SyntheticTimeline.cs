using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Benchmarks;

/// <summary>
/// Deterministic synthetic timelines shaped like the reference library's benchmark timelines
/// (<c>/work/shared/conformance/README.md</c>, "Big timelines for benchmarks"): per track, clips at 24 fps with an
/// external reference (<c>file:///media/synthetic/...</c>), an available range and a source range, a metadata dictionary
/// of mixed types (int, string, bool, double, array) on every clip, a marker every 10th clip and a 6+6-frame SMPTE
/// dissolve after every 20th clip. About 2.9 KB per clip when written with indent 4.
/// </summary>
public static class SyntheticTimeline
{
    /// <summary>The frame rate of every time in the synthetic timelines.</summary>
    public const double Rate = 24;

    private const double Handle = 12;
    private static readonly string[] Departments = ["editorial", "vfx", "color", "sound"];

    /// <summary>Builds a timeline with <paramref name="tracks"/> video tracks of <paramref name="clipsPerTrack"/> clips each.</summary>
    public static Timeline Build(int tracks, int clipsPerTrack)
    {
        Validate(tracks, clipsPerTrack);
        var timeline = NewTimeline(tracks, clipsPerTrack);
        for (var t = 0; t < tracks; t++)
        {
            timeline.Tracks!.Children.Add(BuildTrack(t, clipsPerTrack));
        }
        return timeline;
    }

    /// <summary>
    /// Writes <c>Build(tracks, clipsPerTrack)</c> to <paramref name="path"/> with the default write options (indent 4),
    /// producing exactly the bytes <see cref="OtioJson.WriteFile"/> would, but building and writing one track at a time
    /// so that memory stays bounded by the largest track. The file is written to a temporary name and renamed when complete.
    /// </summary>
    public static void WriteFile(string path, int tracks, int clipsPerTrack)
    {
        ArgumentNullException.ThrowIfNull(path);
        Validate(tracks, clipsPerTrack);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        var temp = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Write(file, tracks, clipsPerTrack);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Streams the same bytes as <c>OtioJson.Write(Build(tracks, clipsPerTrack), stream)</c>, one track at a time.</summary>
    public static void Write(Stream stream, int tracks, int clipsPerTrack)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Validate(tracks, clipsPerTrack);
        var indent = OtioWriteOptions.Default.Indent;

        // The timeline with an empty stack, then splice the tracks into the stack's "children": [] array, laid out as
        // the pretty writer lays out array elements: "[\n" + (pad + element) joined by ",\n" + "\n" + keyPad + "]".
        var skeleton = OtioJson.WriteBytes(NewTimeline(tracks, clipsPerTrack));
        var marker = "\"children\": []"u8;
        var at = skeleton.AsSpan().IndexOf(marker);
        if (at < 0 || skeleton.AsSpan(at + 1).IndexOf(marker) >= 0)
        {
            throw new InvalidOperationException("unexpected skeleton layout: exactly one empty children array expected");
        }
        var lineStart = skeleton.AsSpan(0, at).LastIndexOf((byte)'\n') + 1;
        var keyPad = at - lineStart;
        var openEnd = at + marker.Length - 1; // index of ']'
        stream.Write(skeleton, 0, openEnd);
        if (tracks == 0)
        {
            stream.Write(skeleton, openEnd, skeleton.Length - openEnd);
            return;
        }
        var pad = new byte[keyPad + indent];
        pad.AsSpan().Fill((byte)' ');
        stream.WriteByte((byte)'\n');
        using (var indented = new IndentingStream(stream, pad))
        {
            for (var t = 0; t < tracks; t++)
            {
                if (t > 0)
                {
                    stream.Write(",\n"u8);
                }
                stream.Write(pad);
                OtioJson.Write(BuildTrack(t, clipsPerTrack), indented);
                indented.Flush();
            }
        }
        stream.WriteByte((byte)'\n');
        stream.Write(pad, 0, keyPad);
        stream.Write(skeleton, openEnd, skeleton.Length - openEnd);
    }

    /// <summary>The file name used for a cached synthetic timeline (versioned so that a changed generator does not reuse old files).</summary>
    public static string FileName(int tracks, int clipsPerTrack)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"synthetic-v1-{tracks}x{clipsPerTrack}.otio");

    private static void Validate(int tracks, int clipsPerTrack)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tracks);
        ArgumentOutOfRangeException.ThrowIfNegative(clipsPerTrack);
    }

    private static Timeline NewTimeline(int tracks, int clipsPerTrack)
    {
        var timeline = new Timeline(Inv($"synthetic {tracks}x{clipsPerTrack}"))
        {
            GlobalStartTime = new RationalTime(86400, Rate),
        };
        timeline.Metadata["synthetic"] = new OtioDictionary
        {
            ["generator"] = "Editing.Benchmarks.SyntheticTimeline",
            ["version"] = 1L,
            ["tracks"] = (long)tracks,
            ["clips_per_track"] = (long)clipsPerTrack,
        };
        return timeline;
    }

    private static Track BuildTrack(int t, int clipsPerTrack)
    {
        var track = new Track { Name = Inv($"V{t + 1}"), Kind = Track.VideoKind };
        track.Metadata["synthetic"] = new OtioDictionary { ["track_index"] = (long)t, ["locked"] = false };
        var children = track.Children;
        for (var c = 0; c < clipsPerTrack; c++)
        {
            children.Add(BuildClip(t, c));
            if (c % 20 == 19 && c + 1 < clipsPerTrack)
            {
                children.Add(new Transition
                {
                    Name = Inv($"dissolve_{t + 1:D2}_{c + 1:D6}"),
                    TransitionType = Transition.SmpteDissolve,
                    InOffset = new RationalTime(6, Rate),
                    OutOffset = new RationalTime(6, Rate),
                });
            }
        }
        return track;
    }

    private static Clip BuildClip(int t, int c)
    {
        // Deterministic pseudo-variation: a small linear congruence of (track, clip).
        var h = (uint)((t * 7919) + (c * 104729) + 12345) * 2654435761u;
        var duration = 24 + (double)(h % 217); // 1 s .. ~10 s
        var reel = (c / 100) + 1;
        var sourceStart = 86400 + ((c % 100) * 480) + (double)(h % 37);
        var available = new TimeRange(new RationalTime(sourceStart - Handle, Rate), new RationalTime(duration + (2 * Handle), Rate));
        var source = new TimeRange(new RationalTime(sourceStart, Rate), new RationalTime(duration, Rate));
        var shot = Inv($"SH{t + 1:D2}{c + 1:D6}");
        var url = Inv($"file:///media/synthetic/reel_{reel:D4}/track_{t + 1:D2}/{shot}.mov");
        var reference = new ExternalReference(url, available);
        var clip = new Clip(Inv($"{shot} take {(c % 5) + 1}"), reference, source);
        clip.Metadata["synthetic"] = new OtioDictionary
        {
            ["index"] = (long)c,
            ["shot"] = shot,
            ["approved"] = c % 3 == 0,
            ["gain"] = (0.125 * (c % 17)) - 1.0,
            ["saturation"] = (90 + (double)(h % 21)) / 100,
            ["tags"] = new OtioList { Inv($"reel_{reel:D4}"), Departments[c % Departments.Length], (long)((c % 5) + 1) },
        };

        if (c % 10 == 9)
        {
            var marker = new Marker
            {
                Name = Inv($"note {t + 1}.{c + 1}"),
                MarkedRange = new TimeRange(new RationalTime(sourceStart + Math.Floor(duration / 2), Rate), new RationalTime(1, Rate)),
                Color = c % 20 == 19 ? Color.Red : Color.Green,
                Comment = Inv($"Check continuity at {shot}"),
            };
            marker.Metadata["synthetic"] = new OtioDictionary { ["priority"] = (long)(c % 3), ["resolved"] = c % 40 == 39 };
            clip.Markers.Add(marker);
        }
        return clip;
    }

    private static string Inv(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Passes bytes through, inserting a fixed pad after every line feed (re-indents a nested JSON value).</summary>
    private sealed class IndentingStream(Stream inner, byte[] pad) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var nl = buffer.IndexOf((byte)'\n');
                if (nl < 0)
                {
                    inner.Write(buffer);
                    return;
                }
                inner.Write(buffer[..(nl + 1)]);
                inner.Write(pad);
                buffer = buffer[(nl + 1)..];
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void WriteByte(byte value) => Write([value]);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            // The inner stream belongs to the caller.
            base.Dispose(disposing);
        }
    }
}
