using NATS.Client.Core;

namespace Latency.Bench.Distributed;

/// <summary>The one way this code subscribes: every message of a subject to a handler, until cancelled.</summary>
public static class SubjectLoop
{
    /// <summary>Subscribes to <paramref name="subject"/>, signals <paramref name="ready"/>, and hands each message to <paramref name="handle"/>.</summary>
    /// <param name="nats">The connection.</param>
    /// <param name="subject">The subject (wildcards allowed).</param>
    /// <param name="ready">Completed once the subscription is in place (so a caller can publish knowing it will be heard), or null.</param>
    /// <param name="handle">What to do with a message; runs on the subscription's loop, one message at a time.</param>
    /// <param name="cancellationToken">Ends the subscription; the method then returns normally.</param>
    public static async Task RunAsync(INatsConnection nats, string subject, TaskCompletionSource? ready, Func<NatsMsg<byte[]>, ValueTask> handle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nats);
        ArgumentNullException.ThrowIfNull(handle);
        await using var subscription = await nats.SubscribeCoreAsync<byte[]>(subject, cancellationToken: cancellationToken).ConfigureAwait(false);
        ready?.TrySetResult();
        try
        {
            await foreach (var message in subscription.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await handle(message).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
