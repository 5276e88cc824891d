namespace Latency.Micro.Soak;

/// <summary>A study suite rewritten for a soak: its text, and what was changed, for the result to say.</summary>
/// <param name="Yaml">The suite to run.</param>
/// <param name="Rates">Per workload, "name: rate/min (max N)" as written into <paramref name="Yaml"/>.</param>
public sealed record ScaledSuite(string Yaml, IReadOnlyList<string> Rates);
