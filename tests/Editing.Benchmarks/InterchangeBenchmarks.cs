using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Editing.Interchange.Edl;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Benchmarks;

/// <summary>
/// CMX 3600 EDL parse and write at 10,000 and 100,000 events (the 10× step shows whether the cost is linear). The EDL
/// is generated in memory: 20-frame cut events at 24 fps with a FROM CLIP NAME and a SOURCE FILE comment, a dissolve
/// every 25th event and a LOC marker every 100th (100,000 × 20 frames stays inside the 24-hour timecode range).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class InterchangeBenchmarks
{
    private string _edl = string.Empty;
    private Timeline? _timeline;

    /// <summary>Number of events in the EDL.</summary>
    [Params(10_000, 100_000)]
    public int Events { get; set; } = 10_000;

    /// <summary>Generates the EDL text (and, for the write benchmark, reads it once).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _edl = GenerateEdl(Events);
        _timeline = CmxEdl.Read(_edl);
    }

    /// <summary>Parses the EDL text into a timeline.</summary>
    [Benchmark]
    public Timeline ParseEdl() => CmxEdl.Read(_edl);

    /// <summary>Writes the timeline back as EDL text.</summary>
    [Benchmark]
    public string WriteEdl() => CmxEdl.Write(_timeline!);

    /// <summary>An EDL with <paramref name="events"/> events; every event is 20 frames at 24 fps.</summary>
    public static string GenerateEdl(int events)
    {
        const int Frames = 20;
        const double Rate = 24;
        var sb = new StringBuilder(events * 160);
        sb.Append("TITLE: benchmark ").Append(events.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("FCM: NON-DROP FRAME\n\n");
        for (var i = 0; i < events; i++)
        {
            var number = (i + 1).ToString("000", CultureInfo.InvariantCulture);
            var reel = "A" + (i % 997).ToString("000", CultureInfo.InvariantCulture) + "C001";
            var srcIn = new RationalTime(86400 + ((i * 7) % 5000), Rate);
            var recIn = new RationalTime((double)i * Frames, Rate);
            var src = srcIn.ToTimecode(Rate);
            var srcOut = (srcIn + new RationalTime(Frames, Rate)).ToTimecode(Rate);
            var rec = recIn.ToTimecode(Rate);
            var recOut = (recIn + new RationalTime(Frames, Rate)).ToTimecode(Rate);
            if (i > 0 && i % 25 == 0)
            {
                // A 10-frame dissolve into this event: a zero-length cut on the previous reel, then the D line.
                sb.Append(number).Append("  PREV     V     C        ").Append(src).Append(' ').Append(src).Append(' ')
                    .Append(rec).Append(' ').Append(rec).Append('\n');
                sb.Append(number).Append("  ").Append(reel).Append(" V     D    010 ").Append(src).Append(' ').Append(srcOut).Append(' ')
                    .Append(rec).Append(' ').Append(recOut).Append('\n');
            }
            else
            {
                sb.Append(number).Append("  ").Append(reel).Append(" V     C        ").Append(src).Append(' ').Append(srcOut).Append(' ')
                    .Append(rec).Append(' ').Append(recOut).Append('\n');
            }
            sb.Append("* FROM CLIP NAME:  shot_").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("* SOURCE FILE: ").Append(reel).Append(".mov\n");
            if (i % 100 == 0)
            {
                sb.Append("* LOC: ").Append(src).Append(" RED     CHECK ").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return sb.ToString();
    }
}
