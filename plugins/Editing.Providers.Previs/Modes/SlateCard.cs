using System.Globalization;
using Editing.Providers.Previs.Pixels;
using Editing.Providers.Previs.Text;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Modes;

/// <summary>
/// Text-to-video: a storyboard card. The picture is <see cref="StoryboardBackground"/> for the seed; the host's encoder
/// burns in the shot name (top left), the title (top right), the prompt wrapped in the middle,
/// <c>PREVIS · seed N · previs-1</c> (bottom left) and a running timecode from the slate's start (bottom right).
/// </summary>
internal static class SlateCard
{
    private const double PromptSize = 0.045;

    public static async Task<ModeOutcome> GenerateAsync(PrevisJob job)
    {
        var request = job.Request;
        var (width, height) = (request.Size.Width, request.Size.Height);
        var overlays = new List<TextOverlay>();
        if (request.Slate is { } slate)
        {
            if (slate.ShotName.Length > 0)
            {
                overlays.Add(new TextOverlay(slate.ShotName, 0.04, 0.05, 0.06));
            }

            if (slate.Title.Length > 0)
            {
                overlays.Add(new TextOverlay(slate.Title, 0.7, 0.05, 0.04));
            }
        }

        // DejaVu Sans Bold averages about 0.62 em per character; keep the block within 80 % of the width.
        var lineLength = (int)(width * 0.8 / (height * PromptSize * 0.62));
        var prompt = request.Prompt.Trim().Length == 0 ? "(no prompt)" : PromptLayout.Wrap(request.Prompt, lineLength, maxLines: 6);
        overlays.Add(new TextOverlay(prompt, null, 0.42, PromptSize));
        overlays.Add(new TextOverlay(
            string.Create(CultureInfo.InvariantCulture, $"PREVIS · seed {request.Seed} · {PrevisModel.ModelId}"), 0.04, 0.9, 0.035));
        var timecode = request.Slate?.StartTimecode ?? "00:00:00:00";
        var spec = job.Spec(overlays, timecode);

        var background = new StoryboardBackground(request.Seed, width, height);
        var seconds = request.Rate.Denominator / (double)request.Rate.Numerator;
        var path = await job.EncodeAsync(spec, Frames(), 0, 1, "drawing storyboard card").ConfigureAwait(false);
        return ModeOutcome.Of(path, ("start_timecode", timecode));

        async IAsyncEnumerable<VideoFrame> Frames()
        {
            var buffers = Rgb48.Pair(width, height);
            for (var i = 0; i < request.FrameCount; i++)
            {
                var frame = buffers[i & 1];
                background.Render(i * seconds, frame);
                yield return frame;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}
