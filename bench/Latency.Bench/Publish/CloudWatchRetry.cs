namespace Latency.Bench.Publish;

/// <summary>
/// How throttled and failed calls are retried: exponential backoff with jitter (Polly's), as AWS asks of its clients so
/// that many callers throttled together do not come back together.
/// </summary>
/// <param name="MaxRetries">Retries after the first attempt.</param>
/// <param name="BaseDelay">The first retry's median delay; each further retry doubles it.</param>
/// <param name="MaxDelay">No wait is longer than this.</param>
public sealed record CloudWatchRetry(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>5 retries from 0.5 s up to 20 s: about a minute of throttling before a batch is given up.</summary>
    public static CloudWatchRetry Default { get; } = new(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20));
}
