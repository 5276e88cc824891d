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

    /// <summary>The smallest p50 gain, as a share, that counts as faster or slower (study <c>practical_difference</c>).</summary>
    public double PracticalDifference { get; init; } = Scenarios.Studies.StudyDefinition.DefaultPracticalDifference;

    /// <summary>The widest p50-gain interval wanted, as a share of the gain (study <c>precision</c>); null: none.</summary>
    public double? Precision { get; init; }

    /// <summary>Whether sessions send from the probes' simulated handsets (study <c>radio</c>; default on).</summary>
    public bool Radio { get; init; } = true;

    /// <summary>Where each deployment keeps users' data, the copies declared, the jurisdictions watched, the residency thresholds.</summary>
    public Scenarios.Residency.ResidencyPlan Residency { get; init; } =
        new(new Dictionary<string, string?>(), [], [], []);
}
