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
    IReadOnlyList<string> Thresholds);
