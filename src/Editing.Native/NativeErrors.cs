using Editing.Host.Edits;
using Editing.Host.Plugins;
using Editing.Media;
using Editing.Otio;
using Editing.Sdk.Controls;

namespace Editing.Native;

/// <summary>
/// Maps an exception to a status code and one message, the way the CLI maps them to exit codes and stderr lines, so
/// a C host sees the same text an editor sees in a terminal. Nothing managed may cross the native boundary.
/// </summary>
internal static class NativeErrors
{
    public static (int Status, string Message) Describe(Exception exception)
    {
        switch (exception)
        {
            case NativeArgumentException e:
                return (NativeStatus.InvalidArgument, e.Message);
            case OtioException e:
                return (e.Kind == OtioErrorKind.FileWriteFailed ? NativeStatus.ToolFailed : NativeStatus.BadInput, e.Message);
            case SelectionException e:
                return (e.MatchedNothing ? NativeStatus.BadInput : NativeStatus.Usage, e.Message);
            case ApplyException e:
                var lines = e.Issues.Select(i => i.ToString()).Append(e.Message);
                return (NativeStatus.BadInput, string.Join("\n", lines));
            case EditException e:
                return (NativeStatus.ToolFailed, e.Message + "; nothing was written");
            case PluginCallException e:
                return (e.Issues.Count > 0 ? NativeStatus.BadInput : NativeStatus.ToolFailed, e.Message + "; nothing was written");
            case Editing.Sdk.PluginException e:
                return (NativeStatus.ToolFailed, e.Message + "; nothing was written");
            case MediaException e:
                return (e.Kind is MediaErrorKind.InvalidMedia or MediaErrorKind.UnsupportedCodec or MediaErrorKind.InputNotFound
                    ? NativeStatus.BadInput : NativeStatus.ToolFailed, e.Message);
            case OperationCanceledException:
                return (NativeStatus.Cancelled, "cancelled; nothing was written");
            case IOException or UnauthorizedAccessException:
                return (NativeStatus.BadInput, exception.Message);
            case AggregateException { InnerExceptions.Count: 1 } e:
                return Describe(e.InnerExceptions[0]);
            default:
                return (NativeStatus.Internal, $"internal error: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>True when an issue list holds an error (a warning alone does not fail a request).</summary>
    public static bool HasError(IEnumerable<ValidationIssue> issues) => issues.Any(i => i.Severity == ValidationSeverity.Error);
}

/// <summary>A bad argument from the C caller (a null pointer, malformed request JSON); status <c>EDITING_E_ARGUMENT</c>.</summary>
internal sealed class NativeArgumentException(string message) : Exception(message);
