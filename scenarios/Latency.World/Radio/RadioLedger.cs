using System.IO.MemoryMappedFiles;

namespace Latency.World.Radio;

/// <summary>
/// How long each handset's packets have waited for its radio, shared between the world's emulator (the one writer)
/// and the harness (readers in other processes) through a memory-mapped file in the world's state directory: the
/// harness reads a handset's figure when a session starts and ends, and the difference is the session's radio time.
/// </summary>
/// <remarks>
/// <para>The figure is wall time, not a sum over packets: the waits of one handset's packets that overlap (a burst of
/// downlink packets all waiting for the same DRX wake-up, a promotion that holds a SYN and a retransmission) count
/// once, so a session's radio time never exceeds its length. The writer keeps, per handset, where its last wait
/// ended, and adds only the part of a new wait after that.</para>
/// <para>Written by hand: no served package shares counters between processes. A memory-mapped file, not a socket
/// or a stats file, because the writer is the emulator's forwarding thread, which must not allocate or block: an
/// 8-byte store per delayed packet. Readers see each 8-byte value whole (aligned stores are atomic on x64 and
/// arm64).</para>
/// <para>Layout: magic "LRAD", version 1, nodes, handsets per node (4 bytes each), ticks per second (8), then one
/// 8-byte tick count per node and handset, node-major.</para>
/// </remarks>
public sealed unsafe class RadioLedger : IDisposable
{
    private const int Magic = 0x4441524C; // "LRAD" little-endian
    private const int Version = 1;
    private const int HeaderBytes = 24;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long* _waitTicks;
    private long[]? _lastWaitEnd; // the writer's alone: where each handset's last wait ended

    private RadioLedger(MemoryMappedFile file, MemoryMappedViewAccessor view)
    {
        _file = file;
        _view = view;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + view.PointerOffset;
        _waitTicks = (long*)(_base + HeaderBytes);
    }

    /// <summary>Nodes the ledger has room for.</summary>
    public int Nodes => *(int*)(_base + 8);

    /// <summary>Handsets per node.</summary>
    public int HandsetsPerNode => *(int*)(_base + 12);

    /// <summary>Ticks per second of the figures (the writer's clock).</summary>
    public long TicksPerSecond => *(long*)(_base + 16);

    /// <summary>Creates (or replaces) the ledger at <paramref name="path"/>, every figure zero, for the one writer.</summary>
    /// <param name="path">The file; its directory must exist.</param>
    /// <param name="nodes">Nodes of the world (indices 0 to nodes - 1).</param>
    /// <param name="handsetsPerNode">Handsets per node.</param>
    /// <param name="ticksPerSecond">Ticks per second of the times passed to <see cref="AddWait"/>.</param>
    public static RadioLedger Create(string path, int nodes, int handsetsPerNode, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(handsetsPerNode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        var bytes = HeaderBytes + (long)nodes * handsetsPerNode * sizeof(long);
        File.Delete(path); // a reader still holding the old file keeps its mapping; new readers get this one
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, null, bytes, MemoryMappedFileAccess.ReadWrite);
        var view = file.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.ReadWrite);
        var ledger = new RadioLedger(file, view);
        *(int*)(ledger._base + 8) = nodes;
        *(int*)(ledger._base + 12) = handsetsPerNode;
        *(long*)(ledger._base + 16) = ticksPerSecond;
        *(int*)(ledger._base + 4) = Version;
        Volatile.Write(ref *(int*)ledger._base, Magic); // last: a reader that sees the magic sees the header
        ledger._lastWaitEnd = new long[(long)nodes * handsetsPerNode];
        return ledger;
    }

    /// <summary>Opens the ledger at <paramref name="path"/> to read; null when there is none or it is not a ledger.</summary>
    /// <param name="path">The file the world's emulator writes.</param>
    public static RadioLedger? OpenRead(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length < HeaderBytes)
        {
            return null;
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        var ledger = new RadioLedger(file, view);
        if (Volatile.Read(ref *(int*)ledger._base) != Magic || *(int*)(ledger._base + 4) != Version
            || view.Capacity < HeaderBytes + (long)ledger.Nodes * ledger.HandsetsPerNode * sizeof(long))
        {
            ledger.Dispose();
            return null;
        }

        return ledger;
    }

    /// <summary>
    /// Records that a packet of handset <paramref name="handset"/> of node <paramref name="node"/> waited for the
    /// radio from <paramref name="startTicks"/> to <paramref name="endTicks"/>; only the part after the handset's
    /// previous wait ended is added. Writer only, one thread; allocation-free.
    /// </summary>
    /// <param name="node">The handset's node (probe) index.</param>
    /// <param name="handset">The handset's index in its node.</param>
    /// <param name="startTicks">When the packet began to wait.</param>
    /// <param name="endTicks">When its wait ends.</param>
    public void AddWait(int node, int handset, long startTicks, long endTicks)
    {
        var store = _lastWaitEnd ?? throw new InvalidOperationException("the ledger was opened to read");
        var index = Index(node, handset);
        var from = Math.Max(startTicks, store[index]);
        if (endTicks <= from)
        {
            return;
        }

        store[index] = endTicks;
        var slot = _waitTicks + index;
        Volatile.Write(ref *slot, *slot + (endTicks - from));
    }

    /// <summary>Wall time handset <paramref name="handset"/> of node <paramref name="node"/> has waited for its radio
    /// since the ledger was created, in <see cref="TicksPerSecond"/> ticks.</summary>
    /// <param name="node">The handset's node (probe) index.</param>
    /// <param name="handset">The handset's index in its node.</param>
    public long WaitTicks(int node, int handset) => Volatile.Read(ref *(_waitTicks + Index(node, handset)));

    /// <summary>Unmaps the file (it stays on disk for other readers).</summary>
    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private long Index(int node, int handset)
    {
        if ((uint)node >= (uint)Nodes || (uint)handset >= (uint)HandsetsPerNode)
        {
            ThrowOutOfRange(node, handset);
        }

        return (long)node * HandsetsPerNode + handset;
    }

    private void ThrowOutOfRange(int node, int handset) =>
        throw new ArgumentOutOfRangeException(nameof(handset), $"node {node}, handset {handset} is outside the ledger ({Nodes} nodes x {HandsetsPerNode} handsets)");
}
