namespace Latency.World.Emulation;

/// <summary>
/// Packets waiting for their release time: a binary min-heap over a preallocated array, ordered by due time and
/// then by arrival order (so two packets due at the same tick leave in the order they came). Allocation-free.
/// Written by hand: PriorityQueue&lt;T&gt; does not keep arrival order for equal priorities.
/// </summary>
internal sealed class ReleaseQueue(int capacity)
{
    private readonly Entry[] _heap = new Entry[capacity];
    private long _sequence;

    public int Count { get; private set; }

    public bool IsFull => Count == _heap.Length;

    public long NextDue => Count == 0 ? long.MaxValue : _heap[0].Due;

    public void Push(long due, int slot, int length, int destinationFd)
    {
        var entry = new Entry(due, _sequence++, slot, length, destinationFd);
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Before(entry, _heap[parent]))
            {
                break;
            }

            _heap[i] = _heap[parent];
            i = parent;
        }

        _heap[i] = entry;
    }

    public Entry Pop()
    {
        var top = _heap[0];
        var last = _heap[--Count];
        var i = 0;
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= Count)
            {
                break;
            }

            var child = left + 1 < Count && Before(_heap[left + 1], _heap[left]) ? left + 1 : left;
            if (!Before(_heap[child], last))
            {
                break;
            }

            _heap[i] = _heap[child];
            i = child;
        }

        if (Count > 0)
        {
            _heap[i] = last;
        }

        return top;
    }

    private static bool Before(in Entry a, in Entry b) => a.Due < b.Due || (a.Due == b.Due && a.Sequence < b.Sequence);

    internal readonly record struct Entry(long Due, long Sequence, int Slot, int Length, int DestinationFd);
}
