namespace Latency.Scenarios.Load;

/// <summary>A problem with the simulation at <paramref name="Index"/> in a list (0-based), before any file location is known.</summary>
public sealed record LoadSimulationProblem(int Index, string Message);
