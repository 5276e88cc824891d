using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Latency.World.Network;
using Latency.World.Radio;

namespace Latency.Micro.Radio;

/// <summary>
/// The radio's cost per forwarded packet: <see cref="HandsetRadios.ExtraDelayTicks"/> over a table of 64 handsets,
/// packet after packet of a pre-generated timeline in which handsets go idle, get promoted, listen continuously and
/// sleep in DRX. <see cref="RadioOff"/> is the floor (<c>radio: off</c>: an index check and a null test). The
/// emulator's forwarding thread calls this once per packet, so it must not allocate. <see cref="LookupAndRadioOn"/>
/// is the emulator's whole per-packet radio work: the handset found from the packet's address
/// (<see cref="HandsetAddressPlan.TryFind"/>, as read from the header), then its state machine.
/// </summary>
[MemoryDiagnoser]
public class HandsetRadioBenchmarks
{
    private const int Handsets = 64;
    // A power of two, so the next packet is a mask away.
    private const int TimelineLength = 4096;

    private readonly int[] _handset = new int[TimelineLength];
    private readonly long[] _offsetTicks = new long[TimelineLength];
    private readonly RadioDirection[] _direction = new RadioDirection[TimelineLength];
    private readonly uint[] _address = new uint[TimelineLength];
    private HandsetRadios _radios = null!;
    private HandsetRadios _off = null!;
    private long _timelineSpanTicks;
    private long _lap;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        // Gaps between packets log-uniform from 10 us to 1 s: with 64 handsets a handset sees gaps from well under
        // the DRX inactivity timer to beyond the tail, so every state of the machine is visited.
        var random = new Random(42);
        var ticksPerUs = Stopwatch.Frequency / 1_000_000.0;
        long time = 0;
        for (var i = 0; i < TimelineLength; i++)
        {
            time += (long)(ticksPerUs * Math.Exp(Math.Log(10) + random.NextDouble() * (Math.Log(1_000_000) - Math.Log(10))));
            _offsetTicks[i] = time;
            _handset[i] = random.Next(Handsets);
            _direction[i] = random.Next(2) == 0 ? RadioDirection.Uplink : RadioDirection.Downlink;
            _address[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(
                HandsetAddressPlan.HandsetAddress(nodeIndex: 3, _handset[i]).GetAddressBytes());
        }

        _timelineSpanTicks = time;
        _radios = new HandsetRadios(IllustrativeRadio.Parameters, Handsets, seed: 1);
        _off = new HandsetRadios(parameters: null, Handsets, seed: 1);
    }

    /// <summary>The floor: radio off.</summary>
    [Benchmark(Baseline = true)]
    public long RadioOff() => Next(_off);

    /// <summary>One packet through the state machine of its handset.</summary>
    [Benchmark]
    public long RadioOn() => Next(_radios);

    /// <summary>The address lookup and the state machine, as the emulator does both for a handset's packet.</summary>
    [Benchmark]
    public long LookupAndRadioOn()
    {
        var i = Advance();
        return HandsetAddressPlan.TryFind(_address[i], out _, out var handset)
            ? _radios.ExtraDelayTicks(handset, _lap + _offsetTicks[i], _direction[i])
            : 0;
    }

    private long Next(HandsetRadios radios)
    {
        var i = Advance();
        return radios.ExtraDelayTicks(_handset[i], _lap + _offsetTicks[i], _direction[i]);
    }

    private int Advance()
    {
        var i = _next;
        _next = (i + 1) & (TimelineLength - 1);
        if (_next == 0)
        {
            _lap += _timelineSpanTicks; // replay the timeline later, so time never goes backwards
        }

        return i;
    }
}
