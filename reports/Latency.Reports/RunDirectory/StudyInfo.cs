namespace Latency.Reports.RunDirectory;

/// <summary>
/// What a study run compared (run.json <c>study</c>, optional: older runs and plain load runs have none).
/// A study has one scenario per (probe, workload), named <c>&lt;probe&gt;.&lt;workload&gt;</c>, and records each
/// session on a deployment as step <c>&lt;deployment&gt;</c> of that scenario.
/// </summary>
public sealed record StudyInfo
{
    /// <summary>The study's name, e.g. "default".</summary>
    public string? Name { get; init; }

    /// <summary>The world the study ran in (world file name), or null for real endpoints.</summary>
    public string? World { get; init; }

    /// <summary>The world's profile, e.g. "typical".</summary>
    public string? Profile { get; init; }

    /// <summary>How traffic reached the deployments: "tun" (emulated WAN), "relay" (no loss modelled) or "direct".</summary>
    public string? Backend { get; init; }

    /// <summary>One entry per probe: which deployments it compared.</summary>
    public IReadOnlyList<StudyComparison> Comparisons { get; init; } = [];
}
