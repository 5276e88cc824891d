namespace Latency.Reports.Charts;

/// <summary>
/// One stacked bar of a <see cref="PhaseBreakdownChart"/>: where a typical session's time goes on one deployment,
/// per phase in milliseconds, summed over the session's requests.
/// </summary>
public sealed record PhaseBar(string Deployment, double DnsMs, double ConnectMs, double TlsMs, double TtfbMs, double TransferMs)
{
    /// <summary>The bar's height: the sum of its phases.</summary>
    public double TotalMs => DnsMs + ConnectMs + TlsMs + TtfbMs + TransferMs;

    /// <summary>The phases bottom to top, as (tag kind, ms).</summary>
    public IReadOnlyList<(string Phase, double Ms)> Phases =>
    [
        (RunDirectory.HistogramTag.Dns, DnsMs), (RunDirectory.HistogramTag.Connect, ConnectMs), (RunDirectory.HistogramTag.Tls, TlsMs),
        (RunDirectory.HistogramTag.Ttfb, TtfbMs), (RunDirectory.HistogramTag.Transfer, TransferMs),
    ];
}
