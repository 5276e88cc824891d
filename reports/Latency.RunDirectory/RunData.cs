using HdrHistogram;

namespace Latency.RunDirectory;

/// <summary>Everything in a run directory, read by <see cref="RunDirectoryReader"/>.</summary>
public sealed record RunData
{
    /// <summary>The run directory.</summary>
    public required string Directory { get; init; }

    /// <summary>The content of run.json, or null if it is missing or cannot be read (see <see cref="Problems"/>).</summary>
    public RunManifest? Manifest { get; init; }

    /// <summary>
    /// Per tag, all its intervals added together (lossless: histograms add). Values in microseconds, range
    /// 1 us to 1 h, 3 significant digits; StartTimeStamp/EndTimeStamp span the first to the last interval.
    /// </summary>
    public IReadOnlyDictionary<HistogramTag, HistogramBase> Totals { get; init; } = new Dictionary<HistogramTag, HistogramBase>();

    /// <summary>Per tag, its interval histograms ordered by start time (for latency over time), as buckets.</summary>
    public IReadOnlyDictionary<HistogramTag, IReadOnlyList<IntervalHistogram>> Intervals { get; init; } =
        new Dictionary<HistogramTag, IReadOnlyList<IntervalHistogram>>();

    /// <summary>Missing or corrupt files and lines, and warnings such as a truncated last line.</summary>
    public IReadOnlyList<RunDirectoryProblem> Problems { get; init; } = [];

    /// <summary>True if any problem is an error: the data is incomplete, say so wherever it is shown.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
