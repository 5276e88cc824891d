namespace Latency.RunDirectory;

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
    public NetworkBackend? Backend { get; init; }

    /// <summary>
    /// The share of failed sessions (0-1) above which a comparison's verdict is "errors"; null in older files, where
    /// reports use <see cref="DefaultMaxErrorRate"/>.
    /// </summary>
    public double? MaxErrorRate { get; init; }

    /// <summary>
    /// The widest p50-gain 95% interval the study asked for, as a share of the gain (0.15 = ±15%); null when it set
    /// none. Reports name the comparisons that did not reach it.
    /// </summary>
    public double? Precision { get; init; }

    /// <summary>The workloads sampled toward <see cref="Precision"/> (those with a max rate); the target is theirs.</summary>
    public IReadOnlyList<string> PrecisionWorkloads { get; init; } = [];

    /// <summary>
    /// The smallest p50 gain that counts as faster or slower, as a share (0.05: at least 1.05x); null in older files and
    /// when the study set none, where reports use 5%.
    /// </summary>
    public double? PracticalDifference { get; init; }

    /// <summary>
    /// Whether sessions sent from simulated handsets whose radio the emulator models (study <c>radio</c>): "on",
    /// "off", or "not modelled" (on was asked for but the world has no handsets with a radio, e.g. the relay
    /// backend); null in older files.
    /// </summary>
    public string? Radio { get; init; }

    /// <summary>
    /// Whether the study's sessions had a radio: <c>on</c> when <see cref="Radio"/> says so, <c>off</c> otherwise
    /// ("off", "not modelled", or a run from before the radio, whose sessions all sent from the probe's address).
    /// Two runs whose sessions differ in this do not measure the same thing.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string EffectiveRadio => Radio == "on" ? "on" : "off";

    /// <summary>Sessions that rented a handset (radio on); null when the radio was not modelled and in older files.</summary>
    public long? HandsetSessions { get; init; }

    /// <summary>
    /// Of <see cref="HandsetSessions"/>, those that found no handset quiet as long as their workload's
    /// <c>idle_before</c> asked (they took the quietest free one, or the probe's address when none was free), or whose
    /// warm connection was opened just before them: their radio was warmer than asked. Null when the radio was not
    /// modelled and in older files.
    /// </summary>
    public long? HandsetShortfalls { get; init; }

    /// <summary>Where the study's user data went, per cell, option and jurisdiction; null in older files and plain load runs.</summary>
    public ResidencyInfo? Residency { get; init; }

    /// <summary>The study default of <see cref="MaxErrorRate"/>: 1%.</summary>
    public const double DefaultMaxErrorRate = 0.01;

    /// <summary>One entry per probe: which deployments it compared.</summary>
    public IReadOnlyList<StudyComparison> Comparisons { get; init; } = [];

    /// <summary>
    /// Where the study's probes and deployments are, for the report's map: those whose world file gives a
    /// <c>location</c>; empty for real endpoints, worlds without locations and older files.
    /// </summary>
    public IReadOnlyList<StudyPlace> Places { get; init; } = [];
}
