namespace Editing.Interchange.Edl;

/// <summary>Style names as the reference adapter spells them (<c>avid</c>, <c>nucoda</c>, <c>premiere</c>).</summary>
public static class EdlStyles
{
    /// <summary>The style for a name, case-insensitive.</summary>
    /// <param name="name">avid, nucoda or premiere.</param>
    /// <returns>The style.</returns>
    /// <exception cref="ArgumentException">Any other name (the reference: "The EDL style '…' is not supported").</exception>
    public static EdlStyle Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "avid" => EdlStyle.Avid,
            "nucoda" => EdlStyle.Nucoda,
            "premiere" => EdlStyle.Premiere,
            _ => throw new ArgumentException($"the EDL style '{name}' is not supported (use avid, nucoda or premiere)"),
        };
    }
}
