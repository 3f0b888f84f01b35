namespace Editing.Otio.Schema;

/// <summary>OTIO's <c>AnyVector</c>: a JSON array of the values an <see cref="OtioDictionary"/> may hold.</summary>
public sealed class OtioList : List<object?>
{
    /// <summary>Creates an empty list.</summary>
    public OtioList()
    {
    }

    /// <summary>Creates an empty list with room for <paramref name="capacity"/> values.</summary>
    public OtioList(int capacity)
        : base(capacity)
    {
    }

    /// <summary>A deep copy: nested dictionaries and lists are copied, schema objects are cloned.</summary>
    public OtioList DeepClone()
    {
        var copy = new OtioList(Count);
        foreach (var v in this)
        {
            copy.Add(AnyValue.DeepClone(v));
        }
        return copy;
    }
}
