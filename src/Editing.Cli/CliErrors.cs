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
        catch (Editing.Host.Providers.ProviderConfigurationException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Editing.Host.Provenance.PolicyException e)
        {
            foreach (var v in e.Violations)
            {
                Console.Error.WriteLine($"editing: {v}");
            }

            Console.Error.WriteLine($"editing: {e.Message}");
            return ExitCodes.PolicyRefused;
        }
        catch (Editing.Host.Provenance.PolicyFileException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Editing.Host.Provenance.JournalException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Editing.Host.Edits.SelectionException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}");
            return e.MatchedNothing ? ExitCodes.BadInput : ExitCodes.Usage;
        }
        catch (Editing.Host.Edits.ApplyException e)
        {
            foreach (var issue in e.Issues)
            {
                Console.Error.WriteLine($"editing: {issue}");
            }

            Console.Error.WriteLine($"editing: {e.Message}");
            return e.Issues.Any(i => i.Issue.Severity == Editing.Sdk.Controls.ValidationSeverity.Error) || e.Issues.Count == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }
        catch (Editing.Host.Edits.EditException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}; nothing was written");
            return ExitCodes.ToolFailed;
        }
        catch (Editing.Host.Plugins.PluginCallException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}; nothing was written");
            if (Environment.GetEnvironmentVariable("EDITING_VERBOSE") is "1" && e.PluginStackTrace is { } stack)
            {
                Console.Error.WriteLine(stack);
            }

            return e.Issues.Count > 0 ? ExitCodes.BadInput : ExitCodes.ToolFailed;
        }
        catch (Editing.Sdk.PluginException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}; nothing was written");
            return ExitCodes.ToolFailed;
        }
        catch (Editing.Media.MediaException e)
        {
            Console.Error.WriteLine($"editing: {e.Message}");
            return e.Kind is Editing.Media.MediaErrorKind.InvalidMedia or Editing.Media.MediaErrorKind.UnsupportedCodec or Editing.Media.MediaErrorKind.InputNotFound ? ExitCodes.BadInput : ExitCodes.ToolFailed;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("editing: cancelled; nothing was written");
            return 130;
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
