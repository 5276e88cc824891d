using System.Net;
using Latency.Bench.Http;

namespace Latency.Bench.Study;

/// <summary>Where one role of a session goes: the deployment's base URL and how to reach it from the probe.</summary>
/// <param name="Deployment">The deployment's name.</param>
/// <param name="BaseUrl">Its base URL as the session requests it.</param>
/// <param name="Settings">How the session's client connects (sockets in the probe's namespace, a relay, TLS roots).</param>
public sealed record SessionTarget(string Deployment, Uri BaseUrl, HttpClientSettings Settings)
{
    /// <summary>The handset the session sends from (its sockets are bound to this address); null: the probe's own address.</summary>
    public IPAddress? Handset { get; init; }

    /// <summary>Counts what requests to this target send and receive, for the study's residency; null: not counted.</summary>
    public FlowCounter? Flow { get; init; }

    /// <summary>
    /// This target as seen from <paramref name="handset"/>: the same, but every socket is bound to the handset's
    /// address before it connects. Null: this target unchanged.
    /// </summary>
    /// <param name="handset">The rented handset's address, or null.</param>
    /// <exception cref="InvalidOperationException">This target is already a handset's.</exception>
    public SessionTarget From(IPAddress? handset)
    {
        if (handset is null) return this;
        if (Handset is not null) throw new InvalidOperationException($"target {Deployment} already sends from handset {Handset}");
        return this with { Handset = handset, Settings = Settings with { SocketFactory = LocalSockets.Bound(Settings.SocketFactory, handset) } };
    }
}
