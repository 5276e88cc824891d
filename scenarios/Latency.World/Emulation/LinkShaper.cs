using System.Diagnostics;
using Latency.Scenarios.Worlds;

namespace Latency.World.Emulation;

/// <summary>
/// Decides, for one direction of one path, what happens to each packet: lost, or released at a given time.
/// Pure and deterministic (a seed gives the same decisions on every run and .NET version), allocation-free, and not
/// thread-safe: one instance per link direction, called by the one thread that forwards that direction.
/// </summary>
/// <remarks>
/// <para>Time is in ticks of a clock whose frequency is given to the constructor: <see cref="Stopwatch.Frequency"/>
/// by default (the forwarder stamps packets with <see cref="Stopwatch.GetTimestamp"/>), or
/// <see cref="TimeSpan.TicksPerSecond"/> for tests that want round numbers. <c>nowTicks</c> should not go backwards.</para>
/// <para>Per packet, in this order:</para>
/// <list type="number">
/// <item>Loss: with <see cref="LinkModel.BurstLoss"/> the Gilbert-Elliott chain decides with the loss probability of
/// its current state and then takes one step; otherwise independent loss with <see cref="LinkModel.LossRate"/>.
/// A lost packet was lost before the bottleneck: it takes no queue space and no link time. Every offered packet
/// moves the chain, so bursts are counted in packets offered.</item>
/// <item>Bandwidth (when set): the link is a FIFO that serialises at the rate. The bytes queued at <c>now</c> are the
/// bytes not yet departed, <c>(lastDeparture - now) * rate / 8</c> (a packet half sent counts half); a packet
/// that would take that above <see cref="LinkModel.QueueBytes"/> is dropped (drop-tail), so a packet larger than
/// the queue never passes. Otherwise it departs at <c>max(now, lastDeparture) + bytes * 8 / rate</c>.</item>
/// <item>Delay: release = departure + a delay drawn from a normal distribution with mean
/// <see cref="LinkModel.OneWayDelay"/> and standard deviation <see cref="LinkModel.Jitter"/>, truncated so the
/// delay is never negative. Jitter is symmetric around the one-way delay (as netem's), so the configured delay
/// stays the mean and median and the configured jitter is the measured standard deviation.</item>
/// <item>Compensation: <see cref="CompensationTicks"/> (the emulator's own measured forwarding time) is taken off
/// the delay, never below zero, so a packet arrives after the configured delay and not that plus the emulator's own
/// time.</item>
/// <item>Order: unless <see cref="LinkModel.AllowReordering"/>, the release is raised to the previous admitted
/// packet's release, so packets leave in the order they came (the clamp makes delays slightly larger on average
/// when packets are closer together than a few jitters).</item>
/// </list>
/// </remarks>
public sealed class LinkShaper : IPacketShaper
{
    private readonly long _delayTicks;
    private readonly double _jitterTicks;
    private readonly double _lossRate;
    private readonly GilbertElliott? _burst;
    private readonly double _ticksPerByte;
    private readonly bool _limited;
    private readonly double _queueBytes;
    private readonly bool _allowReordering;

    private Xoshiro256StarStar _random;
    private bool _bad;
    private double _lastDeparture = double.MinValue;
    private long _lastRelease = long.MinValue;
    private long _compensationTicks;
    private bool _hasSpareNormal;
    private double _spareNormal;

    /// <summary>A shaper on <see cref="Stopwatch"/> ticks (<see cref="Stopwatch.Frequency"/> per second).</summary>
    public LinkShaper(LinkModel model, ulong seed)
        : this(model, seed, Stopwatch.Frequency)
    {
    }

    /// <summary>A shaper on a clock with <paramref name="ticksPerSecond"/> ticks per second.</summary>
    /// <exception cref="ArgumentException">The model is out of range (negative delay or jitter, a probability
    /// outside [0, 1], a bandwidth that is not positive, a negative queue).</exception>
    public LinkShaper(LinkModel model, ulong seed, long ticksPerSecond)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        Validate(model);

        TicksPerSecond = ticksPerSecond;
        _delayTicks = ToTicks(model.OneWayDelay, ticksPerSecond);
        _jitterTicks = model.Jitter.Ticks * (double)ticksPerSecond / TimeSpan.TicksPerSecond;
        _lossRate = model.LossRate;
        _burst = model.BurstLoss;
        _limited = model.BandwidthBitsPerSecond is not null;
        _ticksPerByte = _limited ? 8.0 * ticksPerSecond / model.BandwidthBitsPerSecond!.Value : 0;
        _queueBytes = model.QueueBytes;
        _allowReordering = model.AllowReordering;
        _random = new Xoshiro256StarStar(seed);
    }

    /// <inheritdoc />
    public long CompensationTicks
    {
        get => Volatile.Read(ref _compensationTicks);
        set => Volatile.Write(ref _compensationTicks, Math.Max(0, value));
    }

    /// <summary>Clock ticks per second that <see cref="TryAdmit"/> works in.</summary>
    public long TicksPerSecond { get; }

    /// <summary>
    /// Offers a packet of <paramref name="packetBytes"/> arriving at <paramref name="nowTicks"/>. Returns false when
    /// it is lost (random or burst loss, or the queue behind the bandwidth limit is full); otherwise true with the
    /// time it should be released at.
    /// </summary>
    public bool TryAdmit(long nowTicks, int packetBytes, out long releaseAtTicks)
    {
        releaseAtTicks = 0;
        if (Lost())
        {
            return false;
        }

        var departure = nowTicks;
        if (_limited)
        {
            var start = Math.Max(nowTicks, _lastDeparture);
            var queued = (start - nowTicks) / _ticksPerByte;
            // A millionth of a byte of slack: rates that are not a whole number of ticks per byte must not drop a
            // packet that fits exactly because of rounding.
            if (queued + packetBytes > _queueBytes + 1e-6)
            {
                return false;
            }

            _lastDeparture = start + packetBytes * _ticksPerByte;
            departure = (long)Math.Round(_lastDeparture);
        }

        var delay = _delayTicks;
        if (_jitterTicks > 0)
        {
            delay = Math.Max(0, (long)Math.Round(_delayTicks + _jitterTicks * NextStandardNormal()));
        }

        var release = departure + Math.Max(0, delay - CompensationTicks);
        if (!_allowReordering && release < _lastRelease)
        {
            release = _lastRelease;
        }

        _lastRelease = release;
        releaseAtTicks = release;
        return true;
    }

    private bool Lost()
    {
        if (_burst is { } ge)
        {
            var lost = _random.NextDouble() < (_bad ? ge.LossInBad : ge.LossInGood);
            var step = _random.NextDouble();
            _bad = _bad ? step >= ge.BadToGood : step < ge.GoodToBad;
            return lost;
        }

        return _lossRate > 0 && _random.NextDouble() < _lossRate;
    }

    /// <summary>Box-Muller; the second value of each pair is kept for the next call.</summary>
    private double NextStandardNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        var u1 = 1.0 - _random.NextDouble(); // (0, 1]: Log must not see 0
        var u2 = _random.NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var angle = 2.0 * Math.PI * u2;
        _spareNormal = radius * Math.Sin(angle);
        _hasSpareNormal = true;
        return radius * Math.Cos(angle);
    }

    private static long ToTicks(TimeSpan span, long ticksPerSecond) =>
        (long)((Int128)span.Ticks * ticksPerSecond / TimeSpan.TicksPerSecond);

    private static void Validate(LinkModel model)
    {
        static bool Probability(double p) => p >= 0 && p <= 1;

        var errors = new List<string>();
        if (model.OneWayDelay < TimeSpan.Zero)
        {
            errors.Add($"one-way delay {model.OneWayDelay} is negative");
        }

        if (model.Jitter < TimeSpan.Zero)
        {
            errors.Add($"jitter {model.Jitter} is negative");
        }

        if (!Probability(model.LossRate))
        {
            errors.Add($"loss rate {model.LossRate} is outside [0, 1]");
        }

        if (model.BurstLoss is { } ge && !(Probability(ge.GoodToBad) && Probability(ge.BadToGood)
            && Probability(ge.LossInGood) && Probability(ge.LossInBad)))
        {
            errors.Add($"Gilbert-Elliott probabilities {ge} must be in [0, 1]");
        }

        if (model.BandwidthBitsPerSecond is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            errors.Add($"bandwidth {rate} bit/s must be positive");
        }

        if (model.QueueBytes < 0)
        {
            errors.Add($"queue {model.QueueBytes} bytes is negative");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid link model: " + string.Join("; ", errors), nameof(model));
        }
    }
}
