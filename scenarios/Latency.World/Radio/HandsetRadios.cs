using System.Diagnostics;

namespace Latency.World.Radio;

/// <summary>
/// The radios of one probe's handsets: a fixed table of states, one per handset, indexed by a small handset number
/// (the emulator derives it from the handset's address, so finding a state is an array index and cannot
/// allocate). Handsets keep their state across sessions: a session that starts soon after another on the same
/// handset finds its radio connected. Not thread-safe: the emulator's one forwarding thread calls it.
/// </summary>
public sealed class HandsetRadios
{
    // An odd constant (from the golden ratio, like SplitMix64's) so that handset i of one seed and handset j of
    // a neighbouring seed do not share a sequence, as they would with seed + index.
    private const ulong HandsetSeedStride = 0xD1B54A32D192ED03UL;

    private readonly RadioTiming? _timing;
    private readonly HandsetRadio[] _handsets;

    /// <summary>A table on <see cref="Stopwatch"/> ticks (<see cref="Stopwatch.Frequency"/> per second).</summary>
    /// <param name="parameters">The radio model, or null for <c>radio: off</c> (every delay is zero).</param>
    /// <param name="handsetCount">Handsets of the probe; indices run from 0 to one less than this.</param>
    /// <param name="seed">Seed of the promotion delays; each handset draws from its own sequence.</param>
    public HandsetRadios(RadioParameters? parameters, int handsetCount, ulong seed)
        : this(parameters, handsetCount, seed, Stopwatch.Frequency)
    {
    }

    /// <summary>A table on a clock with <paramref name="ticksPerSecond"/> ticks per second.</summary>
    /// <param name="parameters">The radio model, or null for <c>radio: off</c> (every delay is zero).</param>
    /// <param name="handsetCount">Handsets of the probe; indices run from 0 to one less than this.</param>
    /// <param name="seed">Seed of the promotion delays; each handset draws from its own sequence, so one handset's
    /// promotions do not depend on another's traffic.</param>
    /// <param name="ticksPerSecond">Ticks per second of the clock the emulator stamps packets with.</param>
    /// <exception cref="ArgumentException">The parameters are invalid (every error listed).</exception>
    public HandsetRadios(RadioParameters? parameters, int handsetCount, ulong seed, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(handsetCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        _timing = parameters is null ? null : new RadioTiming(parameters, ticksPerSecond);
        _handsets = new HandsetRadio[handsetCount];
        for (var i = 0; i < handsetCount; i++)
        {
            _handsets[i] = new HandsetRadio(seed + (ulong)i * HandsetSeedStride);
        }

        TicksPerSecond = ticksPerSecond;
    }

    /// <summary>False for <c>radio: off</c>: every packet passes without a radio delay.</summary>
    public bool IsEnabled => _timing is not null;

    /// <summary>Handsets in the table.</summary>
    public int HandsetCount => _handsets.Length;

    /// <summary>Clock ticks per second that <see cref="ExtraDelayTicks"/> works in.</summary>
    public long TicksPerSecond { get; }

    /// <summary>
    /// The extra delay of a packet from or to handset <paramref name="handset"/> seen at <paramref name="nowTicks"/>,
    /// and that handset's state updated for it: a promotion when it was idle (or the rest of one under way), the
    /// wait for the next on-duration for a downlink packet to a connected handset asleep in DRX, otherwise zero.
    /// </summary>
    /// <param name="handset">The handset's index, 0 to <see cref="HandsetCount"/> - 1.</param>
    /// <param name="nowTicks">When the packet crosses the radio: the emulator passes uplink packets when it reads them
    /// and downlink packets when they reach the cell, so this may go backwards by up to a path's one-way delay
    /// (<see cref="HandsetRadio"/> says how the state copes).</param>
    /// <param name="direction">Uplink (from the handset) or downlink (to it).</param>
    /// <returns>Ticks to add to the packet's release time; zero when the radio is off.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No handset has that index.</exception>
    public long ExtraDelayTicks(int handset, long nowTicks, RadioDirection direction)
    {
        if ((uint)handset >= (uint)_handsets.Length)
        {
            ThrowNoSuchHandset(handset);
        }

        return _timing is null ? 0 : _handsets[handset].ExtraDelayTicks(nowTicks, direction, _timing);
    }

    private void ThrowNoSuchHandset(int handset) =>
        throw new ArgumentOutOfRangeException(
            nameof(handset), handset, $"handset index must be from 0 to {_handsets.Length - 1}");
}
