using Latency.Bench.Load;

namespace Latency.Bench.Study;

/// <summary>
/// The pieces of a session's critical path, the chain of waits and requests that decided when the session ended: a
/// sequence adds its steps' pieces in order (<see cref="CriticalPathTimes"/>' <c>+</c>). Each piece fits in its own
/// stretch of the session (a request between its send and its end, a think before the next request is due), and the
/// stretches do not overlap, so the pieces never add up to more than the session time.
/// </summary>
public static class CriticalPath
{
    /// <summary>
    /// A request on the path: its phases, laid back from its end (transfer, then time to first byte, TLS, connect,
    /// DNS) and cut where it was sent or due, whichever is later. The cut only bites when a request carries the
    /// phases of a connection it did not end up using (see docs/ARCHITECTURE.md, HTTP client phases), so what it
    /// removes was not this request's time.
    /// </summary>
    /// <param name="request">The request as played.</param>
    public static CriticalPathTimes Request(PlayedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Phases is not { } phases)
        {
            return CriticalPathTimes.Zero;
        }

        var room = Math.Max(0, request.EndedUs - Math.Max(request.SentUs, request.DueUs));
        long Take(long? us)
        {
            var taken = Math.Clamp(us ?? 0, 0, room);
            room -= taken;
            return taken;
        }

        var transfer = Take(phases.TransferMicros);
        var ttfb = Take(phases.TtfbMicros);
        var tls = Take(phases.TlsMicros);
        var connect = Take(phases.ConnectMicros);
        var dns = Take(phases.DnsMicros);
        return new CriticalPathTimes(dns, connect, tls, ttfb, transfer, 0);
    }

    /// <summary>
    /// A parallel group: the group ends with the request that ended last, so that request is the path through it;
    /// the others ran beside it and add nothing.
    /// </summary>
    /// <param name="group">The group's requests as played.</param>
    public static CriticalPathTimes Parallel(IReadOnlyList<PlayedRequest> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Count == 0 ? CriticalPathTimes.Zero : Request(LastEnded(group));
    }

    /// <summary>A think time: the planned wait (a late wake-up shows in the next request's lateness, as other time).</summary>
    /// <param name="durationUs">The think's duration.</param>
    public static CriticalPathTimes Think(long durationUs) => CriticalPathTimes.Zero with { ThinkUs = Math.Max(0, durationUs) };

    /// <summary>
    /// A replayed session: each request goes at its recorded offset whatever the others do, so nothing before it
    /// holds the request that ended last back. Its path is the wait until that request's offset (the capture's own
    /// pauses and scheduling, as think time), then the request.
    /// </summary>
    /// <param name="requests">The session's requests as played.</param>
    public static CriticalPathTimes Replay(IReadOnlyList<PlayedRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return CriticalPathTimes.Zero;
        }

        var last = LastEnded(requests);
        return Think(last.DueUs) + Request(last);
    }

    private static PlayedRequest LastEnded(IReadOnlyList<PlayedRequest> requests) => requests.MaxBy(r => r.EndedUs)!;
}
