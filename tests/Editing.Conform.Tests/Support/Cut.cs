using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Conform.Tests.Support;

/// <summary>Builds small timelines: one video track of clips, each pointing at a file (or at nothing) with a source range.</summary>
internal sealed class Cut
{
    private readonly Timeline _timeline = new("conform test");
    private readonly Track _video = new() { Name = "V1", Kind = Track.VideoKind };

    public Cut(double rate = 24)
    {
        Rate = rate;
        _timeline.Tracks!.Children.Add(_video);
    }

    public double Rate { get; }

    public Timeline Timeline => _timeline;

    /// <summary>Adds a clip using <paramref name="duration"/> frames from source timecode <paramref name="sourceIn"/>.</summary>
    public Clip Add(string name, string? url, string sourceIn, int duration, string? reel = null, Effect? effect = null, MediaReference? reference = null)
    {
        var start = RationalTime.FromTimecode(sourceIn, Rate);
        reference ??= url is null ? new MissingReference() : new ExternalReference(url);
        var clip = new Clip(name, reference, new TimeRange(start, new RationalTime(duration, Rate)));
        if (reel is not null)
        {
            clip.Metadata["cmx_3600"] = new OtioDictionary { ["reel"] = reel };
        }
        if (effect is not null)
        {
            clip.Effects.Add(effect);
        }
        _video.Children.Add(clip);
        return clip;
    }

    /// <summary>Writes the timeline as .otio and returns the path.</summary>
    public string Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        OtioJson.WriteFile(_timeline, path);
        return path;
    }

    /// <summary>Reads a written timeline's clips in order.</summary>
    public static List<Clip> ClipsOf(string path) => ((Timeline)OtioJson.ReadFile(path)).FindClips();
}
