using Latency.RunDirectory;

namespace Latency.Reports.Charts;

/// <summary>
/// One stacked bar of a <see cref="PhaseBreakdownChart"/>: the mean session time on one deployment, split along each
/// session's critical path into phases, in milliseconds. The parts add up to the mean session time.
/// </summary>
/// <param name="Deployment">The deployment's name as in tags.</param>
/// <param name="DnsMs">Mean DNS time on the path.</param>
/// <param name="ConnectMs">Mean TCP connect time on the path.</param>
/// <param name="TlsMs">Mean TLS handshake time on the path.</param>
/// <param name="TtfbMs">Mean time to first byte on the path.</param>
/// <param name="TransferMs">Mean transfer time on the path.</param>
/// <param name="ThinkMs">Mean think time (and replay offsets) on the path.</param>
/// <param name="OtherMs">Mean session time the path's phases and think times do not cover.</param>
/// <param name="RadioMs">Mean time waiting for the handset's radio, taken out of the network phases (0 without a radio).</param>
public sealed record PhaseBar(string Deployment, double DnsMs, double ConnectMs, double TlsMs, double TtfbMs, double TransferMs,
    double ThinkMs, double OtherMs, double RadioMs = 0)
{
    /// <summary>The bar's height: the sum of its parts, the mean session time.</summary>
    public double TotalMs => RadioMs + DnsMs + ConnectMs + TlsMs + TtfbMs + TransferMs + ThinkMs + OtherMs;

    /// <summary>The parts bottom to top, as (tag kind, ms): the radio first, as its waits come first.</summary>
    public IReadOnlyList<(string Phase, double Ms)> Phases =>
    [
        (HistogramTag.Radio, RadioMs), (HistogramTag.Dns, DnsMs), (HistogramTag.Connect, ConnectMs), (HistogramTag.Tls, TlsMs),
        (HistogramTag.Ttfb, TtfbMs), (HistogramTag.Transfer, TransferMs), (HistogramTag.Think, ThinkMs), (HistogramTag.Other, OtherMs),
    ];
}
