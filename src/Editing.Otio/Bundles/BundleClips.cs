using Editing.Otio.Schema;

namespace Editing.Otio.Bundles;

/// <summary>Finds the clips a bundle rewrites: every clip under a timeline, composition or collection, in document order.</summary>
internal static class BundleClips
{
    internal static List<Clip> Find(SerializableObject root)
    {
        var result = new List<Clip>();
        var pending = new Stack<SerializableObject>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case Clip clip:
                    result.Add(clip);
                    break;
                case Timeline { Tracks: { } tracks }:
                    pending.Push(tracks);
                    break;
                case Composition composition:
                    for (var i = composition.Children.Count - 1; i >= 0; i--)
                    {
                        pending.Push(composition.Children[i]);
                    }
                    break;
                case SerializableCollection collection:
                    for (var i = collection.Children.Count - 1; i >= 0; i--)
                    {
                        if (collection.Children[i] is { } child)
                        {
                            pending.Push(child);
                        }
                    }
                    break;
            }
        }
        return result;
    }
}
