namespace Latency.Scenarios.Load;

/// <summary>Closed model: <paramref name="Copies"/> copies share <paramref name="Iterations"/> iterations, then stop.</summary>
public sealed record IterationsForConstant(int Copies, int Iterations) : LoadSimulation
{
    public override TimeSpan? PlannedDuration => null;
    public override bool IsOpenModel => false;
    public override string Kind => "iterations_for_constant";
}
