namespace Latency.Bench.Load;

/// <summary>
/// Where a composite step's time went along its critical path (the chain of waits and requests that decided when it
/// ended), in microseconds per phase. A session's requests overlap, so adding up their own phases counts parallel
/// requests several times (issue 10, point 7: a 5.4 s phase bar for a 2.1 s session); along the critical path each
/// moment of the session counts once. What the path does not cover is <see cref="OtherUs"/>, so that the kinds of one
/// step add up to its time exactly.
/// </summary>
/// <param name="DnsUs">DNS resolution on the path.</param>
/// <param name="ConnectUs">TCP connects on the path.</param>
/// <param name="TlsUs">TLS handshakes on the path.</param>
/// <param name="TtfbUs">Request written to first response byte, on the path.</param>
/// <param name="TransferUs">First to last response byte, on the path.</param>
/// <param name="ThinkUs">Waiting by design: think times, replay offsets.</param>
/// <param name="RadioUs">Waiting for the handset's radio (promotion, DRX), taken out of the network phases by
/// <see cref="WithRadio"/>; null where the session had no radio (radio off, no handsets, relay backend).</param>
public sealed record CriticalPathTimes(long DnsUs, long ConnectUs, long TlsUs, long TtfbUs, long TransferUs, long ThinkUs, long? RadioUs = null)
{
    /// <summary>An empty path.</summary>
    public static readonly CriticalPathTimes Zero = new(0, 0, 0, 0, 0, 0);

    /// <summary>Everything the path covers: all phases and think times.</summary>
    public long TotalUs => DnsUs + ConnectUs + TlsUs + TtfbUs + TransferUs + ThinkUs + (RadioUs ?? 0);

    /// <summary>
    /// The path with <paramref name="radioUs"/> of radio waiting taken out of its network phases, connect first, then
    /// TLS, TTFB and transfer, and shown as its own part; at most what those phases hold.
    /// </summary>
    /// <remarks>The emulator's ledger says how long a handset's packets waited, not during which phase. The order is
    /// where the waits fall: the promotion holds the first packet after a quiet spell, a new connection's SYN (or a
    /// warm connection's request), and DRX waits hold downlink packets, first the SYN-ACK, then responses.</remarks>
    /// <param name="radioUs">The session's radio time (the ledger's difference over the session).</param>
    public CriticalPathTimes WithRadio(long radioUs)
    {
        var left = Math.Max(0, radioUs);
        long Take(long phaseUs)
        {
            var taken = Math.Min(phaseUs, left);
            left -= taken;
            return phaseUs - taken;
        }

        var connect = Take(ConnectUs);
        var tls = Take(TlsUs);
        var ttfb = Take(TtfbUs);
        var transfer = Take(TransferUs);
        var radio = Math.Max(0, radioUs) - left;
        return this with { ConnectUs = connect, TlsUs = tls, TtfbUs = ttfb, TransferUs = transfer, RadioUs = (RadioUs ?? 0) + radio };
    }

    /// <summary>
    /// The part of a step of <paramref name="stepUs"/> the path does not cover (client work, gaps between requests,
    /// late starts); never negative, so a path is expected to fit in its step (the session runner cuts phases to fit).
    /// </summary>
    /// <param name="stepUs">The step's measured time.</param>
    public long OtherUs(long stepUs) => Math.Max(0, stepUs - TotalUs);

    /// <summary>Two pieces of path, one after the other.</summary>
    public static CriticalPathTimes operator +(CriticalPathTimes a, CriticalPathTimes b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new CriticalPathTimes(a.DnsUs + b.DnsUs, a.ConnectUs + b.ConnectUs, a.TlsUs + b.TlsUs, a.TtfbUs + b.TtfbUs,
            a.TransferUs + b.TransferUs, a.ThinkUs + b.ThinkUs, a.RadioUs is null && b.RadioUs is null ? null : (a.RadioUs ?? 0) + (b.RadioUs ?? 0));
    }
}
