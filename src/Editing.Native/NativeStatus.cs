namespace Editing.Native;

/// <summary>
/// The status codes of <c>editing.h</c> (<c>EDITING_OK</c>...): the same numbers as the CLI's exit codes, plus the
/// codes only a library needs. Keep in step with <c>native/include/editing.h</c>.
/// </summary>
internal static class NativeStatus
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int BadInput = 2;
    public const int PolicyRefused = 3;
    public const int ToolFailed = 4;
    public const int PartialFailure = 5;
    public const int InvalidArgument = 10;
    public const int Internal = 12;
    public const int Cancelled = 130;
}
