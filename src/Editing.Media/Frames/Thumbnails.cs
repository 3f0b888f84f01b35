using System.Globalization;
using Editing.Media.Execution;
using Editing.Media.Probe;

namespace Editing.Media.Frames;

/// <summary>Small 8-bit PNG previews: a single thumbnail, or a contact sheet of frames spread over the clip.</summary>
public static class Thumbnails
{
    /// <summary>
    /// Writes frame <paramref name="frameIndex"/> (0-based) scaled to <paramref name="width"/> pixels wide, height
    /// following the aspect ratio (rounded), as an 8-bit PNG.
    /// </summary>
    public static async Task ThumbnailAsync(string input, long frameIndex, int width, string outputPng, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        var full = FfmpegArgs.InputPath(input, nameof(input));
        var scale = FilterText.Filter("scale", ("w", width.ToString(CultureInfo.InvariantCulture)), ("h", "-1"));
        await FrameExtractor.WriteFramePngAsync(full, frameIndex, outputPng, scale, "rgb24", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a <paramref name="columns"/> × <paramref name="rows"/> grid of frames, each scaled to
    /// <paramref name="tileWidth"/> pixels wide (height from the aspect ratio, rounded), so the sheet is
    /// columns × tileWidth pixels wide. Cells show frames 0, k, 2k, … with k = max(1, frame count / cells); cells
    /// past the end of a short clip stay black.
    /// </summary>
    public static async Task ContactSheetAsync(string input, int columns, int rows, int tileWidth, string outputPng, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileWidth, 2);
        var full = FfmpegArgs.InputPath(input, nameof(input));
        var info = await MediaProbe.ProbeAsync(full, cancellationToken).ConfigureAwait(false);
        var video = FrameExtractor.RequireVideo(info);
        var cells = (long)columns * rows;
        var step = Math.Max(1, video.FrameCount / cells);
        var filter = string.Join(',',
            FilterText.Filter("select", ("expr", string.Create(CultureInfo.InvariantCulture, $"not(mod(n,{step}))*lt(n,{step * cells})"))),
            FilterText.Filter("scale", ("w", tileWidth.ToString(CultureInfo.InvariantCulture)), ("h", "-1")),
            FilterText.Filter("tile", ("layout", string.Create(CultureInfo.InvariantCulture, $"{columns}x{rows}"))));
        await FrameExtractor.WritePngAsync(full, outputPng, filter, "rgb24", 0, cancellationToken).ConfigureAwait(false);
    }
}
