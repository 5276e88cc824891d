namespace Latency.Scenarios.Load;

/// <summary>
/// Open model with Poisson arrivals: for each <paramref name="Interval"/> a rate is drawn uniformly between
/// <paramref name="MinRate"/> and <paramref name="MaxRate"/> (per interval), and arrivals inside it are separated by
/// exponentially distributed gaps. Set both rates equal for a plain Poisson process. The draw is seeded, so a
/// timeline is reproducible.
/// </summary>
public sealed record InjectRandom(double MinRate, double MaxRate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override TimeSpan? PlannedDuration => During;
    public override bool IsOpenModel => true;
    public override string Kind => "inject_random";
}
