using Editing.Otio.OpenTime;

namespace Editing.Otio.Schema;

/// <summary>Searches through the objects of a collection (otio-format.md §8.7).</summary>
public partial class SerializableCollection
{
    /// <summary>
    /// The objects of type <typeparamref name="T"/>, depth first in order: each child is tested, then (unless
    /// <paramref name="shallowSearch"/>) collections, compositions and timelines among the children are searched with
    /// <paramref name="searchRange"/> passed on unchanged (it is interpreted in each composition's or timeline's own
    /// frame).
    /// </summary>
    /// <exception cref="OtioException">A range needed for the search cannot be computed.</exception>
    public List<T> FindChildren<T>(TimeRange? searchRange = null, bool shallowSearch = false)
        where T : SerializableObject
    {
        var result = new List<T>();
        FindChildrenInto(result, searchRange, shallowSearch);
        return result;
    }

    /// <summary>The clips in the collection; see <see cref="FindChildren{T}"/>.</summary>
    /// <exception cref="OtioException">A range needed for the search cannot be computed.</exception>
    public List<Clip> FindClips(TimeRange? searchRange = null, bool shallowSearch = false)
        => FindChildren<Clip>(searchRange, shallowSearch);

    private void FindChildrenInto<T>(List<T> output, TimeRange? searchRange, bool shallowSearch)
        where T : SerializableObject
    {
        var children = _children;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if (child is T match)
            {
                output.Add(match);
            }
            if (shallowSearch)
            {
                continue;
            }
            switch (child)
            {
                case SerializableCollection collection:
                    collection.FindChildrenInto(output, searchRange, false);
                    break;
                case Composition composition:
                    composition.FindChildrenInto(output, searchRange, false);
                    break;
                case Timeline { Tracks: { } tracks }:
                    tracks.FindChildrenInto(output, searchRange, false);
                    break;
            }
        }
    }
}
