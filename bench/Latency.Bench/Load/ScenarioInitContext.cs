namespace Latency.Bench.Load;

/// <summary>What a scenario's init and clean functions see: a place to keep shared objects for the iterations.</summary>
public sealed class ScenarioInitContext(string scenarioName, CancellationToken cancellationToken)
{
    public string ScenarioName { get; } = scenarioName;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Objects shared by every iteration (read through <see cref="ScenarioContext.ScenarioData"/>).</summary>
    public Dictionary<string, object> Data { get; } = new(StringComparer.Ordinal);
}
