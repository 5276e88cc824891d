namespace Latency.Scenarios.Load;

/// <summary>
/// Open model: <paramref name="Rate"/> iterations per <paramref name="Interval"/>, for <paramref name="During"/>.
/// Arrivals are spread evenly through each interval (one every Interval/Rate), never batched at its start.
/// </summary>
public sealed record Inject(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation
{
    public override TimeSpan? PlannedDuration => During;
    public override bool IsOpenModel => true;
    public override string Kind => "inject";
}
