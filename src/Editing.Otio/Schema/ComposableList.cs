using System.Collections.ObjectModel;

namespace Editing.Otio.Schema;

/// <summary>
/// The children of a <see cref="Composition"/>. Adding a child sets its <see cref="Composable.Parent"/>; removing it
/// clears it. A child that already has a parent is refused (<see cref="OtioErrorKind.ChildAlreadyParented"/>).
/// </summary>
public sealed class ComposableList : Collection<Composable>
{
    private readonly Composition _owner;

    internal ComposableList(Composition owner)
    {
        _owner = owner;
    }

    /// <summary>Appends several children in order.</summary>
    public void AddRange(IEnumerable<Composable> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        foreach (var c in children)
        {
            Add(c);
        }
    }

    /// <summary>The index of a child by identity, or -1.</summary>
    public int IndexOfReference(Composable child)
    {
        var items = Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (ReferenceEquals(items[i], child))
            {
                return i;
            }
        }
        return -1;
    }

    /// <inheritdoc/>
    protected override void InsertItem(int index, Composable item)
    {
        Adopt(item);
        base.InsertItem(index, item);
    }

    /// <inheritdoc/>
    protected override void SetItem(int index, Composable item)
    {
        var old = this[index];
        if (ReferenceEquals(old, item))
        {
            return;
        }
        Adopt(item);
        old.Parent = null;
        base.SetItem(index, item);
    }

    /// <inheritdoc/>
    protected override void RemoveItem(int index)
    {
        this[index].Parent = null;
        base.RemoveItem(index);
    }

    /// <inheritdoc/>
    protected override void ClearItems()
    {
        foreach (var c in this)
        {
            c.Parent = null;
        }
        base.ClearItems();
    }

    internal void EnsureCapacity(int capacity)
    {
        if (Items is List<Composable> list)
        {
            list.EnsureCapacity(capacity);
        }
    }

    private void Adopt(Composable item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Parent is not null)
        {
            throw new OtioException(OtioErrorKind.ChildAlreadyParented, $"{item} already has a parent ({item.Parent})");
        }
        item.Parent = _owner;
    }
}
