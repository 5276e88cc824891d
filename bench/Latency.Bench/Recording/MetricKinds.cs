using Latency.RunDirectory;

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

    /// <summary>Session level: waiting by design along the session's critical path.</summary>
    public const string Think = HistogramTag.Think;

    /// <summary>Session level: the session time not covered by its critical path's phases and think times.</summary>
    public const string Other = HistogramTag.Other;

    /// <summary>Session level: waiting for the handset's radio.</summary>
    public const string Radio = HistogramTag.Radio;

    /// <summary>A request's phases.</summary>
    public static readonly IReadOnlyList<string> Phases = [Dns, Connect, Tls, Ttfb, Transfer];

    /// <summary>
    /// Every kind a step can split its time into: a request's phases, or a session's critical path (the phases, then
    /// think and other), in the order charts stack them.
    /// </summary>
    public static readonly IReadOnlyList<string> Breakdown = [Dns, Connect, Tls, Ttfb, Transfer, Think, Other];
}
