using System.Text;
using Editing.Media;
using Editing.Sdk;

namespace Editing.Host.Media;

/// <summary>
/// Turns the media layer's <see cref="MediaException"/> into the <see cref="PluginException"/> a plugin lets through to
/// the editor: the message keeps the operation, the file and ffmpeg's own words, and <see cref="PluginException.Code"/>
/// is <c>MEDIA.</c> plus the error kind (<c>MEDIA.INPUT_NOT_FOUND</c>).
/// </summary>
internal static class MediaErrors
{
    public static PluginException Map(MediaException error, string operation, string? path)
    {
        var file = error.Path ?? path;
        var message = new StringBuilder(operation);
        if (file is not null && !error.Message.Contains(file, StringComparison.Ordinal))
        {
            message.Append(" of '").Append(file).Append('\'');
        }

        message.Append(" failed: ").Append(error.Message);
        if (error.ToolOutput is { Length: > 0 } tail && !error.Message.Contains(tail, StringComparison.Ordinal))
        {
            message.Append("\nffmpeg said:\n  ").Append(tail.Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        return new PluginException(message.ToString(), error)
        {
            Code = "MEDIA." + UpperSnake(error.Kind.ToString()),
            IsTransient = false,
        };
    }

    public static async Task<T> GuardAsync<T>(string operation, string? path, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (MediaException e)
        {
            throw Map(e, operation, path);
        }
    }

    public static async Task GuardAsync(string operation, string? path, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (MediaException e)
        {
            throw Map(e, operation, path);
        }
    }

    /// <summary><c>InputNotFound</c> → <c>INPUT_NOT_FOUND</c>.</summary>
    internal static string UpperSnake(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }
}
