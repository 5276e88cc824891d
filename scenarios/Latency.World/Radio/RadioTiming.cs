using Latency.World.Emulation;

namespace Latency.World.Radio;

/// <summary>
/// <see cref="RadioParameters"/> converted once into clock ticks, with the arithmetic that needs no per-handset
/// state: drawing a promotion delay and finding where a quiet radio is in its DRX cycles. Shared by every handset
/// of a table, immutable.
/// </summary>
internal sealed class RadioTiming
{
    private readonly long _promotionMeanTicks;
    private readonly double _promotionLogMean;
    private readonly double _promotionLogSigma;
    private readonly bool _hasDrx;
    private readonly long _drxInactivityTicks;
    private readonly long _shortCycleTicks;
    private readonly long _shortPhaseTicks;
    private readonly long _longCycleTicks;
    private readonly long _onDurationTicks;

    /// <summary>Converts <paramref name="parameters"/> to a clock of <paramref name="ticksPerSecond"/>.</summary>
    /// <param name="parameters">Valid radio parameters.</param>
    /// <param name="ticksPerSecond">Ticks per second of the clock the emulator stamps packets with.</param>
    /// <exception cref="ArgumentException">The parameters are invalid (every error listed).</exception>
    public RadioTiming(RadioParameters parameters, long ticksPerSecond)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        parameters.ThrowIfInvalid();

        _promotionMeanTicks = ToTicks(parameters.PromotionDelayMean, ticksPerSecond);
        var sd = parameters.PromotionDelayStandardDeviation.Ticks * (double)ticksPerSecond / TimeSpan.TicksPerSecond;
        if (sd > 0 && _promotionMeanTicks > 0)
        {
            // Lognormal with mean m and standard deviation s: sigma^2 = ln(1 + s^2/m^2), mu = ln(m) - sigma^2/2.
            var variation = sd / _promotionMeanTicks;
            var logVariance = Math.Log(1 + variation * variation);
            _promotionLogSigma = Math.Sqrt(logVariance);
            _promotionLogMean = Math.Log(_promotionMeanTicks) - logVariance / 2;
        }

        TailTicks = ToTicks(parameters.TailTimer, ticksPerSecond);
        if (parameters.Drx is { } drx)
        {
            _hasDrx = true;
            _drxInactivityTicks = ToTicks(drx.InactivityTimer, ticksPerSecond);
            _shortCycleTicks = ToTicks(drx.ShortCycle, ticksPerSecond);
            _shortPhaseTicks = _shortCycleTicks * drx.ShortCycleCount;
            _longCycleTicks = ToTicks(drx.LongCycle, ticksPerSecond);
            _onDurationTicks = ToTicks(drx.OnDuration, ticksPerSecond);
        }
    }

    /// <summary>Ticks without a packet after which a connected radio is idle again.</summary>
    public long TailTicks { get; }

    /// <summary>One promotion delay, in ticks, drawn from <paramref name="random"/>.</summary>
    public long DrawPromotionTicks(ref Xoshiro256StarStar random)
    {
        if (_promotionLogSigma == 0)
        {
            return _promotionMeanTicks;
        }

        // Box-Muller, one value of the pair: a promotion happens once per idle spell, so keeping the spare for the
        // next one would save nothing worth the extra state.
        var u1 = 1.0 - random.NextDouble(); // (0, 1]: Log must not see 0
        var u2 = random.NextDouble();
        var standardNormal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return (long)Math.Round(Math.Exp(_promotionLogMean + _promotionLogSigma * standardNormal));
    }

    /// <summary>
    /// How long a downlink packet seen <paramref name="ticksSinceLastActivity"/> after a connected radio's last
    /// packet waits for the radio to listen. Zero within the DRX inactivity timer (continuous reception) and during
    /// an on-duration; otherwise until the start of the next cycle, which begins with its on-duration. Always zero
    /// without DRX (the radio always listens).
    /// </summary>
    /// <remarks>The phase is pure arithmetic on the quiet time: DRX starts when the inactivity timer runs out;
    /// cycle k of the short phase starts k short cycles later; after <c>ShortCycleCount</c> of them the long
    /// cycles start back to back. Real eNodeBs align on-durations to the system frame number (an offset modulo the
    /// cycle); aligning them to the inactivity expiry instead gives the same distribution of waits for packets that
    /// arrive at random times, and needs no clock shared between handsets.</remarks>
    public long DownlinkWaitTicks(long ticksSinceLastActivity)
    {
        var sleepingFor = ticksSinceLastActivity - _drxInactivityTicks;
        if (!_hasDrx || sleepingFor < 0)
        {
            return 0;
        }

        return sleepingFor < _shortPhaseTicks
            ? WaitInCycle(sleepingFor % _shortCycleTicks, _shortCycleTicks)
            : WaitInCycle((sleepingFor - _shortPhaseTicks) % _longCycleTicks, _longCycleTicks);
    }

    private long WaitInCycle(long offsetInCycle, long cycleTicks) =>
        offsetInCycle < _onDurationTicks ? 0 : cycleTicks - offsetInCycle;

    private static long ToTicks(TimeSpan span, long ticksPerSecond) =>
        (long)((Int128)span.Ticks * ticksPerSecond / TimeSpan.TicksPerSecond);
}
