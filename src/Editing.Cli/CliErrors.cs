using Editing.Otio;

namespace Editing.Cli;

/// <summary>Turns library errors into one clear line on stderr and the documented exit code.</summary>
internal static class CliErrors
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OtioException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}");
            return e.Kind == OtioErrorKind.FileWriteFailed ? ExitCodes.ToolFailed : ExitCodes.BadInput;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"editing: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}

/// <summary>A command line that names something impossible (an unknown format, a missing target).</summary>
internal sealed class UsageException(string message) : Exception(message);
