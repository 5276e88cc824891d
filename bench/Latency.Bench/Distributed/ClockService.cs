using NATS.Client.Core;

namespace Latency.Bench.Distributed;

/// <summary>
/// The coordinator's side of the clock: answers every request on <see cref="DistributedSubjects.Clock"/> with its UTC
/// wall clock (<see cref="DateTime.Ticks"/>, 8 bytes little-endian), as late as it can, so the stamp is close to the
/// reply's departure.
/// </summary>
public static class ClockService
{
    /// <summary>Answers clock requests until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="nats">The coordinator's connection.</param>
    /// <param name="time">Its clock.</param>
    /// <param name="ready">Completed once the subscription is in place (a test, or the coordinator, waits for it).</param>
    /// <param name="cancellationToken">Stops answering.</param>
    public static Task ServeAsync(INatsConnection nats, TimeProvider time, TaskCompletionSource? ready, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        return SubjectLoop.RunAsync(nats, DistributedSubjects.Clock, ready,
            request => request.ReplyAsync(BitConverter.GetBytes(time.GetUtcNow().UtcTicks), cancellationToken: cancellationToken),
            cancellationToken);
    }
}
