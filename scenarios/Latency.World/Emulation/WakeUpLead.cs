namespace Latency.World.Emulation;

/// <summary>
/// How long before a packet's due time the forwarding thread should stop sleeping and spin, learnt from how late
/// this machine's timed wake-ups actually are, separately for each class of sleep length.
/// </summary>
/// <remarks>
/// <para>Why: a fixed 100 us spin window was enough on some machines and not on others. On a 2-vCPU microVM a timed
/// wake-up was measured 67 us late at the median after a 1 ms sleep but 185 us late after a 40 ms sleep (p99 250-370 us),
/// so every packet of a long, quiet path left ~0.1-0.3 ms late. The lateness grows with the sleep because an idle
/// virtual CPU is descheduled by its host; a short sleep keeps it warm.</para>
/// <para>How: per class (sleeps shorter than 256 us, 1 ms, 4 ms, 16 ms, 64 ms, and longer), a running estimate of the
/// policy's quantile of the overshoot (<see cref="WakeUpPolicy"/>: the median by default, 0.95 for the precise one) by stochastic approximation (the pinball-loss gradient step
/// <c>q += step * (tau - [x &lt; q])</c>; Robbins and Monro 1951): O(1), no allocation, and a single 2 ms outlier
/// moves it by one step only. The lead is that estimate plus the policy's margin, within its minimum and maximum.</para>
/// <para>What it costs: the thread spins for about the lead after every timed wake-up. A long sleep is rare per
/// second, so its larger lead costs little; short sleeps, which come often, have the smaller leads they need.</para>
/// <para>Written by hand: no served package estimates a streaming quantile in O(1) without allocating.</para>
/// </remarks>
internal sealed class WakeUpLead
{
    private const double InitialMicroseconds = 100; // the fixed window this replaces
    private const double StepMicroseconds = 4;
    private static readonly double[] ClassUpperMicroseconds = [256, 1_000, 4_000, 16_000, 64_000];

    private readonly double _ticksPerMicrosecond;
    private readonly double[] _overshootTicks = new double[ClassUpperMicroseconds.Length + 1];
    private readonly WakeUpPolicy _policy;

    /// <param name="ticksPerSecond">The clock's frequency (<see cref="System.Diagnostics.Stopwatch.Frequency"/> in the emulator).</param>
    /// <param name="policy">Which quantile of the overshoot to follow, the margin and the bounds; <see cref="WakeUpPolicy.Default"/> when null.</param>
    public WakeUpLead(long ticksPerSecond, WakeUpPolicy? policy = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        _policy = policy ?? WakeUpPolicy.Default;
        _ticksPerMicrosecond = ticksPerSecond / 1e6;
        Array.Fill(_overshootTicks, InitialMicroseconds * _ticksPerMicrosecond);
    }

    /// <summary>How long before the due time to stop sleeping, for a due time <paramref name="untilDueTicks"/> away.</summary>
    public long LeadFor(long untilDueTicks)
    {
        var lead = _overshootTicks[ClassOf(untilDueTicks)] + _policy.MarginMicroseconds * _ticksPerMicrosecond;
        var minimum = Math.Min(_policy.MinimumMicroseconds, _policy.MaximumMicroseconds);
        return (long)Math.Clamp(lead, minimum * _ticksPerMicrosecond, _policy.MaximumMicroseconds * _ticksPerMicrosecond);
    }

    /// <summary>
    /// A timed sleep that was asked for when the due time was <paramref name="untilDueTicks"/> away ended
    /// <paramref name="overshootTicks"/> after the time it was asked to end (negative if early).
    /// </summary>
    public void Observe(long untilDueTicks, long overshootTicks)
    {
        ref var estimate = ref _overshootTicks[ClassOf(untilDueTicks)];
        var step = StepMicroseconds * _ticksPerMicrosecond;
        estimate += overshootTicks < estimate ? -(1 - _policy.Quantile) * step : _policy.Quantile * step;
        estimate = Math.Max(0, estimate);
    }

    /// <summary>The current overshoot estimate of each class, in microseconds (for statistics and tests).</summary>
    public double[] OvershootMicroseconds() => [.. _overshootTicks.Select(t => t / _ticksPerMicrosecond)];

    private int ClassOf(long untilDueTicks)
    {
        var microseconds = untilDueTicks / _ticksPerMicrosecond;
        var i = 0;
        while (i < ClassUpperMicroseconds.Length && microseconds >= ClassUpperMicroseconds[i])
        {
            i++;
        }

        return i;
    }
}
