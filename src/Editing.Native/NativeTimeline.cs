using Editing.Otio;
using Editing.Otio.Bundles;
using Editing.Otio.Schema;

namespace Editing.Native;

/// <summary>What <c>editing_timeline_open</c> returns: a timeline read from a file, and where it came from.</summary>
internal sealed class NativeTimeline(Timeline timeline, string path)
{
    public Timeline Timeline { get; } = timeline;

    /// <summary>Absolute path the timeline was read from (relative media URLs resolve against its folder).</summary>
    public string Path { get; private set; } = path;

    public static NativeTimeline Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var root = TimelineFile.Read(full);
        var timeline = root as Timeline
            ?? throw new NativeArgumentException($"{full}: the file holds a {root.SchemaName}, not a Timeline");
        return new NativeTimeline(timeline, full);
    }

    /// <summary>
    /// Writes the timeline atomically in the format the extension names. Relative media URLs are rewritten so they
    /// still point at the same files from the new folder; <paramref name="target"/> is a schema target
    /// (<c>0.18</c>, <c>latest</c>, <c>0.14</c>) or a write profile (<c>resolve</c>).
    /// </summary>
    public void Save(string path, string? target)
    {
        var full = System.IO.Path.GetFullPath(path);
        var copy = (Timeline)Timeline.Clone();
        RebaseRelativeMedia(copy, System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetDirectoryName(full)!);
        var writeTarget = Editing.Otio.Serialization.OtioWriteTarget.Default;
        if (Editing.Host.Export.WriteProfiles.IsProfile(target))
        {
            copy = Editing.Host.Export.WriteProfiles.Apply(copy, target!, System.IO.Path.GetDirectoryName(full));
        }
        else if (target is { Length: > 0 } t)
        {
            try
            {
                writeTarget = Editing.Otio.Serialization.OtioWriteTarget.Parse(t);
            }
            catch (ArgumentException e)
            {
                throw new NativeArgumentException($"{e.Message.Replace(" (Parameter 'label')", "", StringComparison.Ordinal)}; or a write profile: {string.Join(", ", Editing.Host.Export.WriteProfiles.Names)}");
            }
        }

        TimelineFile.Write(copy, full, new Editing.Otio.Serialization.OtioWriteOptions { Target = writeTarget },
            new OtioBundleWriteOptions { RelativeMediaBaseDir = System.IO.Path.GetDirectoryName(full) });
    }

    private static void RebaseRelativeMedia(Timeline timeline, string from, string to)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return;
        }

        foreach (var clip in timeline.Tracks?.FindClips() ?? [])
        {
            foreach (var reference in clip.MediaReferences.Values.OfType<ExternalReference>())
            {
                var file = OtioBundle.FileFromUrl(reference.TargetUrl);
                if (file is null || System.IO.Path.IsPathRooted(file) || reference.TargetUrl.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                reference.TargetUrl = System.IO.Path.GetRelativePath(to, System.IO.Path.GetFullPath(System.IO.Path.Combine(from, file))).Replace('\\', '/');
            }
        }
    }
}
