namespace Latency.Micro.ChangePoints;

/// <summary>One case of <c>change-point-accuracy</c>: a quantile's noise and what is injected into each of its series.</summary>
/// <param name="Quantile"><c>p50</c> or <c>p99</c>: in this simulation they differ only in their noise.</param>
/// <param name="Noise">The per-run lognormal sigma.</param>
/// <param name="Name">The case as the table shows it, e.g. <c>step +10%</c> or <c>spike +30% x1</c>.</param>
/// <param name="Change">Makes a series' change from its random first run; null for a flat series.</param>
public sealed record AccuracyCase(string Quantile, double Noise, string Name, Func<int, InjectedChange>? Change)
{
    /// <summary>The step size when the case is a step, else null.</summary>
    public double? StepSize { get; init; }
}
