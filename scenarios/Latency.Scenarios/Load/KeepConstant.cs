namespace Latency.Scenarios.Load;

/// <summary>Closed model: <paramref name="Copies"/> copies run iterations back to back for <paramref name="During"/>.</summary>
public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation
{
    public override TimeSpan? PlannedDuration => During;
    public override bool IsOpenModel => false;
    public override string Kind => "keep_constant";
}
