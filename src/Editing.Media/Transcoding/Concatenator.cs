using Editing.Media.Execution;
using Editing.Media.Frames;
using Editing.Media.Probe;

namespace Editing.Media.Transcoding;

/// <summary>Joins clips end to end into one file.</summary>
public static class Concatenator
{
    /// <summary>
    /// Joins <paramref name="inputs"/> in order, frame for frame: the output has exactly the sum of their frame
    /// counts at <see cref="EncodeSpec.Rate"/> (an input at another rate is not rate-converted; conform it first).
    /// Each input is fitted to the spec's size with its scale policy (<c>concat</c> filter, then frames renumbered
    /// from their index). Audio, when the spec asks for it, is cut/padded per clip to the samples of its frames
    /// (cumulative rounding, so the joins do not drift; silence for a clip without audio). The timecode is the
    /// spec's, else the first clip's.
    /// </summary>
    /// <returns>The probe of the written file.</returns>
    public static async Task<MediaInfo> ConcatAsync(
        IReadOnlyList<string> inputs,
        EncodeSpec spec,
        string output,
        IProgress<MediaProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("There is nothing to join.", nameof(inputs));
        }
        var paths = inputs.Select(p => FfmpegArgs.InputPath(p, nameof(inputs))).ToArray();
        EncodeGraph.Validate(spec, output);
        var infos = new List<MediaInfo>(paths.Length);
        foreach (var path in paths)
        {
            infos.Add(await MediaProbe.ProbeAsync(path, cancellationToken).ConfigureAwait(false));
        }
        var videos = infos.Select(FrameExtractor.RequireVideo).ToArray();
        var totalFrames = videos.Sum(v => v.FrameCount);
        var timecode = spec.StartTimecode ?? EncodeGraph.CarryTimecode(videos[0].StartTimecode, videos[0].FrameRate, spec.Rate);

        using var temp = TempOutput.For(output, paths);
        var scale = EncodeGraph.ScaleChain(spec);
        var graph = new List<string>();
        var pads = new System.Text.StringBuilder();
        long framesBefore = 0;
        long? samples = null;
        for (var i = 0; i < paths.Length; i++)
        {
            graph.Add($"[{i}:{videos[i].Index}]{scale}[v{i}]");
            pads.Append($"[v{i}]");
            if (spec.Audio is { } audio)
            {
                var start = spec.Rate.FramesToSamples(framesBefore, audio.SampleRate);
                var end = spec.Rate.FramesToSamples(framesBefore + videos[i].FrameCount, audio.SampleRate);
                graph.Add(infos[i].Audio.Count > 0
                    ? $"[{i}:{infos[i].Audio[0].Index}]{EncodeGraph.AudioChain(audio.Format, end - start)}[a{i}]"
                    : $"{EncodeGraph.Silence(audio.Format, end - start)}[a{i}]");
                pads.Append($"[a{i}]");
            }
            framesBefore += videos[i].FrameCount;
        }
        var withAudio = spec.Audio is not null;
        var concat = $"concat=n={paths.Length}:v=1:a={(withAudio ? 1 : 0)}";
        var chain = new List<string> { EncodeGraph.Renumber(spec.Rate), EncodeGraph.ExactFrames(totalFrames, spec.Rate) };
        chain.AddRange(EncodeGraph.Overlays(spec, temp));
        if (withAudio)
        {
            samples = spec.Audio!.SampleCount ?? spec.Rate.FramesToSamples(totalFrames, spec.Audio.SampleRate);
            graph.Add($"{pads}{concat}[vc][ac]");
            graph.Add($"[vc]{string.Join(',', chain)}[v]");
            graph.Add($"[ac]{EncodeGraph.ExactSamples(samples.Value)}[a]");
        }
        else
        {
            graph.Add($"{pads}{concat}[vc]");
            graph.Add($"[vc]{string.Join(',', chain)}[v]");
        }

        var args = FfmpegArgs.Start(progress: true);
        foreach (var path in paths)
        {
            FfmpegArgs.AddInput(args, path);
        }
        args.AddRange(["-filter_complex", string.Join(';', graph)]);
        EncodeGraph.AddOutput(args, spec, withAudio, timecode, temp.TempPath);
        await FfmpegRunner.RunAsync(
            new ToolInvocation(MediaTools.Shared.FfmpegPath, args)
            {
                Subject = paths[0],
                Progress = progress,
                TotalFrames = totalFrames,
                ParseProgress = true,
            },
            cancellationToken).ConfigureAwait(false);
        var result = await EncodeGraph.VerifyAsync(temp, totalFrames, EncodeGraph.HasPcmAudio(spec) ? samples : null, cancellationToken).ConfigureAwait(false);
        temp.Commit();
        return result;
    }
}
