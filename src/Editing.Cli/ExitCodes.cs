namespace Editing.Cli;

/// <summary>The exit codes every <c>editing</c> verb uses (see the README).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int BadInput = 2;
    public const int PolicyRefused = 3;
    public const int ToolFailed = 4;
    public const int PartialFailure = 5;
}
