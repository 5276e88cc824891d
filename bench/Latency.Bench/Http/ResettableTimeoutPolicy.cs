using Microsoft.Extensions.ObjectPool;

namespace Latency.Bench.Http;

/// <summary>
/// Pools a request's timeout source: a new linked source with a timer per request cost a source, a timer and a
/// registration node each time (~250 B, issue 17); a source whose request ended before its timeout resets and keeps
/// its timer for the next one. One that fired (a timeout, or the run stopping) cannot reset and is dropped (and
/// disposed by the pool).
/// </summary>
internal sealed class ResettableTimeoutPolicy : PooledObjectPolicy<CancellationTokenSource>
{
    /// <inheritdoc />
    public override CancellationTokenSource Create() => new();

    /// <inheritdoc />
    public override bool Return(CancellationTokenSource obj) => obj.TryReset();
}
