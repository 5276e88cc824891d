namespace Latency.Scenarios.Workloads;

/// <summary>
/// How long the handset was quiet before a session (a workload's <c>idle_before</c>, docs/workload-reference.md): a
/// distribution each session draws from. The harness realises it by choosing a handset that has in fact been quiet
/// that long, so the emulated radio is in the state such a phone's would be (connected, in DRX, or idle).
/// </summary>
/// <param name="Kind">Fixed, uniform or exponential.</param>
/// <param name="Min">Fixed: the quiet time. Uniform: the least. Exponential: zero.</param>
/// <param name="Max">Fixed: the quiet time. Uniform: the greatest. Exponential: zero.</param>
/// <param name="Mean">Exponential: the mean. Fixed and uniform: the midpoint of <paramref name="Min"/> and <paramref name="Max"/>.</param>
public sealed record IdleBefore(IdleBeforeKind Kind, TimeSpan Min, TimeSpan Max, TimeSpan Mean)
{
    /// <summary>
    /// The default when a workload gives none: no quiet time, the phone was in use just before the session (the
    /// handset pool hands out the one released most recently).
    /// </summary>
    public static IdleBefore None { get; } = Fixed(TimeSpan.Zero);

    /// <summary>
    /// The longest quiet time a file may give: a week. Anything past the radio's tail timer (seconds) already means
    /// an idle radio; the bound only catches typos (e.g. a unit forgotten).
    /// </summary>
    public static TimeSpan Longest { get; } = TimeSpan.FromDays(7);

    /// <summary>The same quiet time before every session.</summary>
    /// <param name="duration">The quiet time (not negative).</param>
    public static IdleBefore Fixed(TimeSpan duration) => new(IdleBeforeKind.Fixed, duration, duration, duration);

    /// <summary>A quiet time drawn uniformly between <paramref name="min"/> and <paramref name="max"/>.</summary>
    /// <param name="min">The least quiet time (not negative).</param>
    /// <param name="max">The greatest quiet time (at least <paramref name="min"/>).</param>
    public static IdleBefore Uniform(TimeSpan min, TimeSpan max) => new(IdleBeforeKind.Uniform, min, max, (min + max) / 2);

    /// <summary>An exponentially distributed quiet time of mean <paramref name="mean"/>.</summary>
    /// <param name="mean">The mean quiet time (not negative).</param>
    public static IdleBefore Exponential(TimeSpan mean) => new(IdleBeforeKind.Exponential, TimeSpan.Zero, TimeSpan.Zero, mean);

    /// <summary>
    /// One session's quiet time, drawn from <paramref name="random"/> (a seeded generator makes a run repeatable).
    /// Whole ticks; a fixed quiet time draws nothing, so adding one to a workload does not shift other draws.
    /// </summary>
    /// <param name="random">The generator to draw from.</param>
    public TimeSpan Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Kind switch
        {
            IdleBeforeKind.Fixed => Min,
            IdleBeforeKind.Uniform => Min + TimeSpan.FromTicks((long)Math.Round(random.NextDouble() * (Max - Min).Ticks)),
            // Inversion of the CDF; 1 - u lies in (0, 1], so the logarithm is finite. Capped where a tick count
            // would overflow (u below ~1e-300 draws a gap of ~690 means: never in practice).
            _ => TimeSpan.FromTicks((long)Math.Min(-Math.Log(1 - random.NextDouble()) * Mean.Ticks, TimeSpan.MaxValue.Ticks / 2.0)),
        };
    }
}
