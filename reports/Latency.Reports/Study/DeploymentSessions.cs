using Latency.Reports.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>The session times of one workload on one deployment, seen from one probe.</summary>
public sealed record DeploymentSessions
{
    /// <summary>The deployment's name as in tags, e.g. "beijing".</summary>
    public required string Deployment { get; init; }

    /// <summary>
    /// The histogram of the sessions (<c>&lt;probe&gt;.&lt;workload&gt;/&lt;deployment&gt;/uncorrected</c>): the full
    /// distribution is in <see cref="RunData.Totals"/> under this tag, for statistics beyond p50/p95.
    /// </summary>
    public required HistogramTag Tag { get; init; }

    /// <summary>Sessions recorded (successful ones: the histogram's count).</summary>
    public required long Count { get; init; }

    /// <summary>Median session time in microseconds (HdrHistogram's value at the 50th percentile); 0 when no sessions.</summary>
    public required long P50Us { get; init; }

    /// <summary>95th percentile session time in microseconds; 0 when no sessions.</summary>
    public required long P95Us { get; init; }

    /// <summary>Failed sessions from run.json (the scenario's step named after the deployment); null when unknown.</summary>
    public long? Failed { get; init; }
}
