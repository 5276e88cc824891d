namespace Latency.Bench.Recording;

/// <summary>The kinds of histogram a run records (documented in docs/run-directory.md).</summary>
public static class MetricKinds
{
    /// <summary>Completion minus intended start: includes time spent waiting to start (coordinated omission corrected).</summary>
    public const string Corrected = "corrected";

    /// <summary>Completion minus actual start: what most load tools report.</summary>
    public const string Uncorrected = "uncorrected";

    public const string Dns = "dns";
    public const string Connect = "connect";
    public const string Tls = "tls";
    public const string Ttfb = "ttfb";
    public const string Transfer = "transfer";

    public static readonly IReadOnlyList<string> Phases = [Dns, Connect, Tls, Ttfb, Transfer];
}
