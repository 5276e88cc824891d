namespace Latency.Scenarios.Load;

/// <summary>No load for <paramref name="During"/>.</summary>
public sealed record Pause(TimeSpan During) : LoadSimulation
{
    public override TimeSpan? PlannedDuration => During;
    public override bool IsOpenModel => false;
    public override string Kind => "pause";
}
