using System.Buffers.Binary;
using System.Net;
using Latency.World.Runtime;

namespace Latency.Bench.Study;

/// <summary>
/// A probe's simulated handsets (<see cref="HandsetState"/>) as sessions borrow them. The emulator derives each
/// handset's radio state from its traffic alone, so "the phone was quiet for X before this session" is realised by
/// choosing a handset that has in fact been quiet that long: <see cref="Rent"/> takes the free handset whose quiet time
/// (now minus its last <see cref="Return"/>) is the shortest that is still at least the one asked for (best fit, so a
/// short <c>idle_before</c> gets a radio in the DRX phase it asks for, and long-quiet handsets are kept for the
/// sessions that need them). Handsets never used count as quiet forever.
/// </summary>
/// <remarks>
/// Beyond the radio's tail timer a handset is idle however long it has been quiet, so requirements are capped at
/// <see cref="Horizon"/>: a heartbeat 5 minutes after the last one needs a handset quiet for the horizon, not 5
/// minutes, or a short run would exhaust the never-used handsets. When no free handset has been quiet long enough
/// the session is not delayed (arrivals keep their times): it takes the quietest free one and the miss is counted in
/// <see cref="Shortfalls"/> for the report. Thread-safe: sessions of every cell of the probe rent concurrently.
/// </remarks>
public sealed class HandsetPool
{
    // A handset that has never been returned: quiet forever.
    private const long NeverUsed = long.MinValue;

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly IPAddress[] _addresses;
    private readonly uint _first;
    private readonly long[] _releasedAt;
    private readonly bool[] _inUse;
    private long _rents;
    private long _shortfalls;

    /// <param name="firstAddress">Handset 0's IPv4 address; handset h sends from it + h.</param>
    /// <param name="count">How many handsets the probe has (at least 1).</param>
    /// <param name="horizon">The longest quiet time worth asking for (the radio's tail timer and a margin).</param>
    /// <param name="time">The clock quiet times are measured on.</param>
    public HandsetPool(IPAddress firstAddress, int count, TimeSpan horizon, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(firstAddress);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(horizon.Ticks, nameof(horizon));
        if (firstAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"handset addresses are IPv4 (got {firstAddress})", nameof(firstAddress));
        }

        _time = time;
        Horizon = horizon;
        _first = BinaryPrimitives.ReadUInt32BigEndian(firstAddress.GetAddressBytes());
        _addresses = Enumerable.Range(0, count).Select(h => Address(_first + (uint)h)).ToArray();
        _releasedAt = Enumerable.Repeat(NeverUsed, count).ToArray();
        _inUse = new bool[count];
    }

    /// <summary>
    /// The pool over a probe's handsets; null when it has none (relay backend, an older world state) or the emulator
    /// applies no radio to them (its world file gives none), where sessions send from the probe's own address.
    /// </summary>
    /// <param name="handsets">The probe's handsets from the world's state.</param>
    /// <param name="horizon">The longest quiet time worth asking for.</param>
    /// <param name="time">The clock quiet times are measured on.</param>
    public static HandsetPool? For(HandsetState? handsets, TimeSpan horizon, TimeProvider time) =>
        handsets is { Radio: true, Count: > 0 } state ? new HandsetPool(IPAddress.Parse(state.FirstAddress), state.Count, horizon, time) : null;

    /// <summary>Requirements above this are capped to it: the radio's state no longer depends on a longer quiet time.</summary>
    public TimeSpan Horizon { get; }

    /// <summary>How many handsets the pool has.</summary>
    public int Count => _addresses.Length;

    /// <summary>Rents so far.</summary>
    public long Rents => Interlocked.Read(ref _rents);

    /// <summary>
    /// Rents that found no free handset quiet long enough (they took the quietest free one) or no free handset at all
    /// (they sent from the probe's address), and those noted by <see cref="NoteShortfall"/>: sessions whose radio was
    /// warmer than their workload asked for.
    /// </summary>
    public long Shortfalls => Interlocked.Read(ref _shortfalls);

    /// <summary>
    /// A free handset quiet for at least <paramref name="idleBefore"/> (capped at <see cref="Horizon"/>), the one
    /// quiet for the shortest such time; else the quietest free one (a shortfall); null when every handset is in use
    /// (a shortfall too). Never waits.
    /// </summary>
    /// <param name="idleBefore">How long the session's phone should have been quiet.</param>
    /// <param name="prefer">Handsets to choose first among those quiet long enough (a warm session's: those whose
    /// connection to its deployment is open already); null: no preference.</param>
    public IPAddress? Rent(TimeSpan idleBefore, Func<IPAddress, bool>? prefer = null)
    {
        var required = idleBefore < Horizon ? idleBefore : Horizon;
        lock (_lock)
        {
            Interlocked.Increment(ref _rents);
            var now = _time.GetTimestamp();
            var best = -1;
            var bestQuiet = TimeSpan.Zero;
            var bestPreferred = false;
            var quietest = -1;
            var quietestQuiet = TimeSpan.Zero;
            for (var h = 0; h < _addresses.Length; h++)
            {
                if (_inUse[h]) continue;
                var quiet = _releasedAt[h] == NeverUsed ? TimeSpan.MaxValue : _time.GetElapsedTime(_releasedAt[h], now);
                // Strict comparisons: among equals, the lowest handset, so a run is repeatable.
                if (quiet >= required)
                {
                    // A preferred handset beats any other; among equals in preference, the best fit.
                    var preferred = prefer?.Invoke(_addresses[h]) ?? false;
                    if (best < 0 || (preferred && !bestPreferred) || (preferred == bestPreferred && quiet < bestQuiet))
                    {
                        best = h;
                        bestQuiet = quiet;
                        bestPreferred = preferred;
                    }
                }

                if (quietest < 0 || quiet > quietestQuiet)
                {
                    quietest = h;
                    quietestQuiet = quiet;
                }
            }

            // Never-used handsets are quiet forever: a miss leaves none free but used ones, all quiet too briefly.
            var chosen = best >= 0 ? best : quietest;
            if (best < 0) Interlocked.Increment(ref _shortfalls);
            if (chosen < 0) return null;
            _inUse[chosen] = true;
            return _addresses[chosen];
        }
    }

    /// <summary>
    /// Counts a shortfall the pool could not see: a rented handset whose radio its session will find warmer than
    /// asked for another reason (its warm connection is opened, with an unmeasured request, just before).
    /// </summary>
    public void NoteShortfall() => Interlocked.Increment(ref _shortfalls);

    /// <summary>Gives a rented handset back: its quiet time starts now (its session's last packet has just gone).</summary>
    /// <param name="handset">What <see cref="Rent"/> returned.</param>
    /// <exception cref="InvalidOperationException">The handset is not this pool's, or not rented.</exception>
    public void Return(IPAddress handset)
    {
        ArgumentNullException.ThrowIfNull(handset);
        var index = Index(handset);
        lock (_lock)
        {
            if (index < 0 || !_inUse[index])
            {
                throw new InvalidOperationException($"handset {handset} is not rented from this pool");
            }

            _inUse[index] = false;
            _releasedAt[index] = _time.GetTimestamp();
        }
    }

    private int Index(IPAddress handset)
    {
        if (handset.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return -1;
        var offset = BinaryPrimitives.ReadUInt32BigEndian(handset.GetAddressBytes()) - _first;
        return offset < (uint)_addresses.Length ? (int)offset : -1;
    }

    private static IPAddress Address(uint address)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes);
    }
}
