namespace Latency.Bench.Study;

/// <summary>
/// A study ready to run: its cells, how long arrivals go on, and how to reach deployments (a world's state, or real
/// endpoints by URL).
/// </summary>
public sealed record StudyRun(
    string Name,
    TimeSpan Duration,
    int Seed,
    IReadOnlyList<StudyCell> Cells,
    IReadOnlyList<string> Thresholds)
{
    /// <summary>The share of failed sessions above which a comparison's verdict is "errors" (study <c>max_error_rate</c>).</summary>
    public double MaxErrorRate { get; init; } = Scenarios.Studies.StudyDefinition.DefaultMaxErrorRate;
}
