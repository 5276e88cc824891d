namespace Latency.World.Emulation;

/// <summary>
/// How the emulator's forwarding thread trades its CPU for release precision: how long before a packet's due time it
/// stops sleeping and spins, given how late this machine's timed wake-ups are (<see cref="WakeUpLead"/>).
/// </summary>
/// <remarks>
/// Why more than one: a timed wake-up on a small virtual machine ends 70-190 us after the time asked (more after a long
/// sleep), so a packet is only released on time if the thread wakes that much earlier and spins. Every packet with a
/// due time of its own then costs about one lead of spinning: at a few thousand packets a second that is 0.4 of a core
/// (bench/results/2026-12-03T0027Z-study-scale.md). The policies are the points of that trade the emulator-capacity
/// benchmark measures (<c>--wake-up</c>).
/// </remarks>
/// <param name="Name">The policy's name on a command line.</param>
/// <param name="Quantile">Which quantile of the wake-up overshoot the lead follows.</param>
/// <param name="MarginMicroseconds">Added to that quantile.</param>
/// <param name="MinimumMicroseconds">The shortest lead.</param>
/// <param name="MaximumMicroseconds">The longest lead (0: never spin).</param>
public sealed record WakeUpPolicy(string Name, double Quantile, double MarginMicroseconds, double MinimumMicroseconds,
    double MaximumMicroseconds)
{
    /// <summary>
    /// Spin from the 95th percentile of the overshoot plus 30 us: nearly every packet leaves within microseconds of its
    /// due time, at the cost of spinning about that lead for each due time. The world's default until 2026-12-03: on a
    /// 2-core machine its spinning took the CPU the rest of the study needed (see <see cref="Median"/>).
    /// </summary>
    public static WakeUpPolicy Precise { get; } = new("precise", 0.95, 30, 50, 2_000);

    /// <summary>
    /// Spin from the median overshoot: half the wake-ups come early and spin the rest of the way, the other half leave
    /// late by their overshoot beyond the median (the spread of the wake-up time, not all of it). The world's default:
    /// in the default study on 2 cores it used 0.31-0.32 cores against 0.43-0.44 for <see cref="Precise"/> at the
    /// suite's rates and 0.63 against 0.78-0.79 at 5x, with release lateness p99 no worse at 1x (0.9-1.0 ms against
    /// 1.0-1.1) and 2.0-2.2 ms against 1.7-2.6 at 5x (bench/results/2026-12-03T0347Z-wake-up-policies.md).
    /// </summary>
    public static WakeUpPolicy Median { get; } = new("median", 0.5, 0, 0, 2_000);

    /// <summary>Never spin: sleep until the due time and release when woken, late by the whole overshoot.</summary>
    public static WakeUpPolicy Sleep { get; } = new("sleep", 0.5, 0, 0, 0);

    /// <summary>The world's policy: <see cref="Median"/>.</summary>
    public static WakeUpPolicy Default => Median;

    /// <summary>Every named policy.</summary>
    public static IReadOnlyList<WakeUpPolicy> All { get; } = [Precise, Median, Sleep];

    /// <summary>The policy called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static WakeUpPolicy? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
