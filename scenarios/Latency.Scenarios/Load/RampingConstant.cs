namespace Latency.Scenarios.Load;

/// <summary>
/// Closed model: the number of copies moves linearly from the previous phase's count (0 when first) to
/// <paramref name="Copies"/> over <paramref name="During"/>.
/// </summary>
public sealed record RampingConstant(int Copies, TimeSpan During) : LoadSimulation
{
    public override TimeSpan? PlannedDuration => During;
    public override bool IsOpenModel => false;
    public override string Kind => "ramping_constant";
}
