namespace Editing.Conform;

/// <summary>The exit codes of <c>editing conform</c> (the same numbers every <c>editing</c> verb uses).</summary>
public static class ConformExitCodes
{
    /// <summary>Every shot conformed.</summary>
    public const int Ok = 0;

    /// <summary>A usage error (unknown option, output = input on the command line).</summary>
    public const int Usage = 1;

    /// <summary>Bad input: a missing or invalid timeline, rules or job file, a missing search folder.</summary>
    public const int BadInput = 2;

    /// <summary>The output could not be written.</summary>
    public const int WriteFailed = 4;

    /// <summary>Some shots failed, the rest conformed; the output was written.</summary>
    public const int PartialFailure = 5;

    /// <summary>
    /// How bad an exit code is, for the worst of several jobs: 0 &lt; 5 (partly conformed) &lt; 4 (not written) &lt;
    /// 2 (bad input) &lt; 1 (usage). Unknown codes rank as bad input.
    /// </summary>
    public static int Severity(int exitCode) => exitCode switch
    {
        Ok => 0,
        PartialFailure => 1,
        WriteFailed => 2,
        BadInput => 3,
        Usage => 4,
        _ => 3,
    };

    /// <summary>The worse of two exit codes by <see cref="Severity"/>.</summary>
    public static int Worst(int a, int b) => Severity(b) > Severity(a) ? b : a;
}
