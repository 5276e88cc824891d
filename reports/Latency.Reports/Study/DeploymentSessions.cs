using Latency.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>
/// The session times of one workload on one deployment, seen from one probe: successful sessions only (a failed
/// session is counted in <see cref="Failed"/>, never timed with the others, so a deployment that fails fast cannot look fast).
/// </summary>
public sealed record DeploymentSessions
{
    /// <summary>The deployment's name as in tags, e.g. "beijing".</summary>
    public required string Deployment { get; init; }

    /// <summary>
    /// The histogram of the successful sessions (<c>&lt;probe&gt;.&lt;workload&gt;/&lt;deployment&gt;/uncorrected</c>): the
    /// full distribution is in <see cref="RunData.Totals"/> under this tag, for statistics beyond these quantiles.
    /// </summary>
    public required HistogramTag Tag { get; init; }

    /// <summary>Successful sessions: the histogram's count.</summary>
    public required long Count { get; init; }

    /// <summary>
    /// Median session time in microseconds: the sample quantile of the recorded sessions (Hyndman &amp; Fan definition 7,
    /// the one the gains and their bootstrap use, so that gain = origin p50 / in-region p50 holds in every table); 0 when none.
    /// </summary>
    public required double P50Us { get; init; }

    /// <summary>95th percentile session time in microseconds, as <see cref="P50Us"/>; 0 when no sessions.</summary>
    public required double P95Us { get; init; }

    /// <summary>99th percentile session time in microseconds, as <see cref="P50Us"/>; 0 when no sessions.</summary>
    public double P99Us { get; init; }

    /// <summary>
    /// Mean session time in microseconds (HdrHistogram's mean of the merged histogram); 0 when no sessions. The phase
    /// charts split this figure: means of parts add up to the mean of the whole, quantiles do not.
    /// </summary>
    public double MeanUs { get; init; }

    /// <summary>Failed sessions from run.json (the scenario's step named after the deployment); null when unknown.</summary>
    public long? Failed { get; init; }

    /// <summary>Failed sessions by error kind (e.g. "http_503": 12), from run.json; empty when none or unknown.</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>Failed / (successful + failed) sessions, 0-1; null when failures are unknown or nothing ran.</summary>
    public double? FailureRate => Failed is { } failed && Count + failed > 0 ? (double)failed / (Count + failed) : null;
}
