using System.Buffers.Binary;
using System.Diagnostics;
using HdrHistogram;
using Latency.Timing;
using Latency.World.Native;
using Latency.World.Network;
using Latency.World.Radio;

namespace Latency.World.Emulation;

/// <summary>
/// The user-space WAN: one thread reads IP packets from every namespace's TUN device, asks the path's shaper
/// whether each is lost and when it is due, and writes it to the destination namespace's TUN device at that time.
/// </summary>
/// <remarks>
/// Precision is the hard part (the emulator must add no error a reader would see): a first C# delay line was 1.5 ms late at p99. So the loop allocates
/// nothing (packets live in one pinned buffer, the release queue is an array), waits with ppoll and a 1 ns timer
/// slack (the default 50 us slack would make every wake-up late), and spins for the last stretch before a due time
/// instead of sleeping through it; how long a stretch is learnt from how late this machine's wake-ups are
/// (<see cref="WakeUpLead"/>). How late each packet left is
/// recorded (nanoseconds) and reported by calibration. The emulator belongs in a process of its own: a garbage
/// collection anywhere in the process pauses this thread too.
/// </remarks>
internal sealed unsafe class WanEmulator : IDisposable
{
    private const int SlotSize = 2048;

    /// <summary>SCHED_FIFO priority of the forwarding thread: above every measuring thread's, which it must preempt.</summary>
    private const int Priority = 10;
    private static readonly long MaxSleepTicks = Stopwatch.Frequency / 20; // wake at least every 50 ms to see a stop

    private readonly EmulatorPort[] _ports;
    private readonly IPacketShaper?[,] _shapers;
    private readonly Dictionary<uint, int> _portByAddress;
    private readonly HandsetRadios?[] _radios;
    private readonly RadioLedger? _ledger;
    private readonly byte[] _buffer;
    private readonly int[] _freeSlots;
    private int _freeCount;
    private readonly ReleaseQueue _queue;
    private readonly Libc.PollFd[] _pollFds;
    private readonly bool[] _readable;
    private readonly int _scratchSlot;
    private int _nextPort;
    private readonly WakeUpLead _lead;
    private readonly Recorder _lateness = new(1, 10_000_000_000, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private readonly Thread _thread;
    private volatile bool _stopping;
    private Exception? _failure;
    private volatile int _cpuClock = NoCpuClock;
    private const int NoCpuClock = int.MinValue;

    /// <param name="ports">One per namespace.</param>
    /// <param name="shapers">shapers[from, to]: the link from port <c>from</c> to port <c>to</c>, null where there is no path.</param>
    /// <param name="radios">radios[port]: the radios of that port's handsets (<see cref="HandsetAddressPlan"/>), null
    /// for a port without handsets (a deployment); the port's handset addresses are then not routed. Null for no
    /// handsets anywhere.</param>
    /// <param name="poolPackets">Packets that can be in flight at once (RTT x rate; 16k x 2 KB = 32 MB).</param>
    /// <param name="ledger">Where each handset's radio waits are added up for the harness (node = port index), or null.</param>
    /// <param name="wakeUp">How long before a due time the thread stops sleeping and spins; <see cref="WakeUpPolicy.Default"/> when null.</param>
    public WanEmulator(IReadOnlyList<EmulatorPort> ports, IPacketShaper?[,] shapers, IReadOnlyList<HandsetRadios?>? radios = null,
        int poolPackets = 16_384, RadioLedger? ledger = null, WakeUpPolicy? wakeUp = null)
    {
        _lead = new WakeUpLead(Stopwatch.Frequency, wakeUp);
        _ledger = ledger;
        _ports = [.. ports];
        _shapers = shapers;
        if (radios is not null && radios.Count != _ports.Length)
        {
            throw new ArgumentException($"radios has {radios.Count} entries for {_ports.Length} ports", nameof(radios));
        }

        _radios = radios is null ? new HandsetRadios?[_ports.Length] : [.. radios];
        _portByAddress = _ports.Select((p, i) => (p.Address, i)).ToDictionary(x => x.Address, x => x.i);
        // One slot more than the pool: the scratch slot a packet is read into and dropped when the pool is exhausted
        // (reading it into a pooled slot would overwrite a packet still waiting in the queue).
        _buffer = GC.AllocateArray<byte>((poolPackets + 1) * SlotSize, pinned: true);
        _scratchSlot = poolPackets;
        _freeSlots = Enumerable.Range(0, poolPackets).Reverse().ToArray();
        _freeCount = poolPackets;
        _queue = new ReleaseQueue(poolPackets);
        _pollFds = _ports.Select(p => new Libc.PollFd { Fd = p.Fd, Events = Libc.POLLIN }).ToArray();
        _readable = new bool[_ports.Length];
        _thread = new Thread(Run) { IsBackground = true, Name = "wan-emulator", Priority = ThreadPriority.Highest };
    }

    public EmulatorCounters Counters { get; } = new();

    /// <summary>Whether the forwarding thread got real-time scheduling (reported by calibration).</summary>
    public bool RealTime { get; private set; }

    /// <summary>Set when the loop died; the world reports it instead of silently forwarding nothing.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    public void Start() => _thread.Start();

    /// <summary>
    /// CPU time the forwarding thread has used so far (user and system: its reads, its writes, which run the receiving
    /// kernel stack, and its spinning), or null before the thread has started or where the clock is unavailable.
    /// Benchmarks divide its growth by the packets forwarded meanwhile.
    /// </summary>
    public TimeSpan? CpuTime
    {
        get
        {
            var clock = _cpuClock;
            var time = default(Timespec);
            if (clock == NoCpuClock || Libc.ClockGetTime(clock, &time) != 0)
            {
                return null;
            }

            return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
        }
    }

    /// <summary>Release lateness since the last call, in nanoseconds (actual write time minus due time).</summary>
    public HistogramBase TakeLateness() => _lateness.GetIntervalHistogram();

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    private void Run()
    {
        try
        {
            // 1 ns timer slack (ppoll then wakes within microseconds of the asked time instead of up to 50 us late)
            // and real-time priority (root has it): a busy neighbour thread must not delay a due packet. The loop
            // sleeps except within the spin window, and the kernel's RT throttling caps a runaway at 95% of a core.
            RealTime = RealTimeThread.TryEnter(Priority);
            int clock;
            if (Libc.PThreadGetCpuClockId(Libc.PThreadSelf(), &clock) == 0)
            {
                _cpuClock = clock;
            }

            fixed (byte* buffer = _buffer)
            fixed (Libc.PollFd* pollFds = _pollFds)
            {
                Loop(buffer, pollFds);
            }
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _failure, ex);
        }
    }

    private void Loop(byte* buffer, Libc.PollFd* pollFds)
    {
        var timeout = default(Timespec);
        while (!_stopping)
        {
            // Far from the next due time: sleep in ppoll until the learnt lead before it. Within the lead: poll
            // without sleeping, so packets that arrive meanwhile are still read (and timestamped) at once.
            var before = Stopwatch.GetTimestamp();
            var untilDue = Math.Min(_queue.NextDue - before, MaxSleepTicks);
            var lead = _lead.LeadFor(untilDue);
            var wait = untilDue > lead ? untilDue - lead : 0;
            var nanoseconds = wait * 1_000_000_000 / Stopwatch.Frequency;
            timeout.Seconds = nanoseconds / 1_000_000_000;
            timeout.Nanoseconds = nanoseconds % 1_000_000_000;
            var ready = Libc.PPoll(pollFds, (nuint)_pollFds.Length, &timeout, 0);
            if (ready < 0 && Libc.LastError != Libc.EINTR)
            {
                throw new IOException($"ppoll failed: {Libc.Describe(Libc.LastError)}");
            }

            if (ready == 0 && wait > 0)
            {
                // A sleep that ran its full time: how late it ended teaches the lead for sleeps of this length.
                _lead.Observe(untilDue, Stopwatch.GetTimestamp() - (before + wait));
            }

            if (ready > 0)
            {
                for (var i = 0; i < _pollFds.Length; i++)
                {
                    if ((pollFds[i].Revents & Libc.POLLIN) != 0)
                    {
                        _readable[i] = true;
                    }
                }
            }

            Forward(buffer);
        }
    }

    /// <summary>
    /// Alternates one release (a packet whose due time has come) with one read (from the next port, in turn, that
    /// has packets waiting) until there is neither.
    /// </summary>
    /// <remarks>
    /// Why not read everything, then release everything: each read or write is a system call of a few microseconds
    /// (several on a virtual machine), so a burst of 50 arrivals read in one go holds every packet due meanwhile for
    /// ~0.2 ms, and a burst of 50 releases holds every arrival (whose due time counts from when it is read) as long.
    /// Taking turns bounds both waits to about one call.
    /// </remarks>
    private void Forward(byte* buffer)
    {
        while (true)
        {
            var released = ReleaseOne(buffer);
            var read = ReadOne(buffer);
            if (!released && !read)
            {
                return;
            }
        }
    }

    /// <summary>Reads one packet from the next port that has some waiting; false when no port has any.</summary>
    private bool ReadOne(byte* buffer)
    {
        for (var tried = 0; tried < _ports.Length; tried++)
        {
            var from = _nextPort;
            _nextPort = _nextPort + 1 == _ports.Length ? 0 : _nextPort + 1;
            if (!_readable[from])
            {
                continue;
            }

            if (ReadFrom(from, buffer))
            {
                return true;
            }

            _readable[from] = false;
        }

        return false;
    }

    /// <summary>Reads one packet from port <paramref name="from"/> and queues (or drops) it; false when it had none.</summary>
    private bool ReadFrom(int from, byte* buffer)
    {
        var fd = _ports[from].Fd;
        if (_freeCount == 0)
        {
            // Pool exhausted: read into the scratch slot to drain the device, count it, drop it.
            if (Libc.Read(fd, buffer + (long)_scratchSlot * SlotSize, SlotSize) <= 0)
            {
                return false;
            }

            Interlocked.Increment(ref Counters.NoBufferField);
            return true;
        }

        var slot = _freeSlots[--_freeCount];
        var packet = buffer + (long)slot * SlotSize;
        var length = (int)Libc.Read(fd, packet, SlotSize);
        if (length <= 0)
        {
            _freeSlots[_freeCount++] = slot;
            return false;
        }

        var now = Stopwatch.GetTimestamp();
        if (!Route(from, packet, length, out var to, out var toHandset) || _shapers[from, to] is not { } shaper)
        {
            _freeSlots[_freeCount++] = slot;
            Interlocked.Increment(ref Counters.NoRouteField);
            return true;
        }

        // Uplink: the handset's radio is the packet's first hop, so it sees the packet now, whether or not the
        // path loses it further on (a packet lost in the WAN still woke the radio).
        var fromHandset = _radios[from] is { IsEnabled: true } ? SourceHandset(from, packet) : -1;
        var radioDelay = fromHandset >= 0 ? _radios[from]!.ExtraDelayTicks(fromHandset, now, RadioDirection.Uplink) : 0;
        if (radioDelay > 0)
        {
            _ledger?.AddWait(from, fromHandset, now, now + radioDelay);
        }

        // The link admits the packet at now, not after the radio delay: the last-mile link is shared by all the
        // probe's handsets, and a real handset's promotion or DRX sleep holds up only that handset's packets, not
        // the cell's. Adding the radio delay after the link keeps one handset's promotion from queueing the
        // others' packets behind it (at the cost of serialising a promoting handset's burst as if it were sent
        // at once, which only matters on a link nearly full).
        if (!shaper.TryAdmit(now, length, out var due) || _queue.IsFull)
        {
            _freeSlots[_freeCount++] = slot;
            Interlocked.Increment(ref Counters.LostField);
            return true;
        }

        if (toHandset >= 0 && _radios[to] is { IsEnabled: true } downlinkRadios)
        {
            // Downlink: the packet reaches the cell at its due time, having crossed the path; that is when a
            // sleeping radio would (not) hear it. Evaluating at now would wake the radio a one-way delay early
            // and misjudge its DRX phase.
            var downlinkDelay = downlinkRadios.ExtraDelayTicks(toHandset, due, RadioDirection.Downlink);
            if (downlinkDelay > 0)
            {
                _ledger?.AddWait(to, toHandset, due, due + downlinkDelay);
                radioDelay += downlinkDelay;
            }
        }

        if (radioDelay > 0)
        {
            Interlocked.Increment(ref Counters.RadioDelayedField);
            Interlocked.Add(ref Counters.RadioDelayTicksField, radioDelay);
        }

        _queue.Push(due + radioDelay, slot, length, _ports[to].Fd);
        return true;
    }

    /// <summary>The port a packet goes to, by its destination: a node's own address, or one of a probe's handsets
    /// (<paramref name="handset"/> is then its index, otherwise -1).</summary>
    private bool Route(int from, byte* packet, int length, out int to, out int handset)
    {
        to = -1;
        handset = -1;
        // IPv4 only: the world's namespaces have no IPv6 addresses; anything else (e.g. router solicitations) is noise.
        if (length < 20 || (packet[0] >> 4) != 4)
        {
            return false;
        }

        var destination = BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(packet + 16, 4));
        if (_portByAddress.TryGetValue(destination, out to))
        {
            return to != from;
        }

        // A handset's address: arithmetic, no lookup table. Only ports that have handsets own their block.
        if (HandsetAddressPlan.TryFind(destination, out var node, out var index) && node < _radios.Length && _radios[node] is not null)
        {
            to = node;
            handset = index;
            return to != from;
        }

        to = -1;
        return false;
    }

    /// <summary>The handset of port <paramref name="from"/> that sent <paramref name="packet"/>, or -1 when its source
    /// is not one of that port's handsets (the node's own address, or another node's block).</summary>
    private static int SourceHandset(int from, byte* packet)
    {
        var source = BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(packet + 12, 4));
        return HandsetAddressPlan.TryFind(source, out var node, out var handset) && node == from ? handset : -1;
    }

    /// <summary>Writes the first queued packet if its due time has come; false when none is due.</summary>
    private bool ReleaseOne(byte* buffer)
    {
        if (_queue.Count == 0 || _queue.NextDue > Stopwatch.GetTimestamp())
        {
            return false;
        }

        var entry = _queue.Pop();
        // Lateness is taken before the write: writing to a TUN device runs the receiving kernel stack (a SYN
        // becomes a SYN-ACK inside the call), which is the destination's work, not the emulator's delay.
        var late = Stopwatch.GetTimestamp() - entry.Due;
        var written = Libc.Write(entry.DestinationFd, buffer + (long)entry.Slot * SlotSize, entry.Length);
        _freeSlots[_freeCount++] = entry.Slot;
        if (written != entry.Length)
        {
            Interlocked.Increment(ref Counters.WriteFailedField);
            return true;
        }

        Interlocked.Increment(ref Counters.ForwardedField);
        _lateness.RecordValue(Math.Clamp(late * 1_000_000_000 / Stopwatch.Frequency, 1, 10_000_000_000));
        return true;
    }
}
