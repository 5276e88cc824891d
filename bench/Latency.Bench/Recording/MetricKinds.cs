using Latency.Reports.RunDirectory;

namespace Latency.Bench.Recording;

/// <summary>The kinds of histogram a run records; the names are the run directory's (docs/run-directory.md).</summary>
public static class MetricKinds
{
    /// <summary>Completion minus intended start: includes time spent waiting to start (coordinated omission corrected).</summary>
    public const string Corrected = HistogramTag.Corrected;

    /// <summary>Completion minus actual start: what most load tools report. At step level: the step's own duration.</summary>
    public const string Uncorrected = HistogramTag.Uncorrected;

    /// <summary>Step level: the durations of failed runs, apart from the successful ones in <see cref="Uncorrected"/>.</summary>
    public const string Failed = HistogramTag.Failed;

    /// <summary>Step level: how late a step with an intended start (a session, a replayed or post-think request) began.</summary>
    public const string Lateness = HistogramTag.Lateness;

    public const string Dns = HistogramTag.Dns;
    public const string Connect = HistogramTag.Connect;
    public const string Tls = HistogramTag.Tls;
    public const string Ttfb = HistogramTag.Ttfb;
    public const string Transfer = HistogramTag.Transfer;

    public static readonly IReadOnlyList<string> Phases = [Dns, Connect, Tls, Ttfb, Transfer];
}
