namespace Latency.Scenarios.Load;

/// <summary>
/// Open model: the arrival rate moves linearly from the rate the previous phase ended at (0 when first) to
/// <paramref name="Rate"/> per <paramref name="Interval"/> over <paramref name="During"/>.
/// </summary>
public sealed record RampingInject(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override TimeSpan? PlannedDuration => During;
    public override bool IsOpenModel => true;
    public override string Kind => "ramping_inject";
}
