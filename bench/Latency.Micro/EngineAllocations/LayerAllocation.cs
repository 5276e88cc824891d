namespace Latency.Micro.EngineAllocations;

/// <summary>What one layer of the request path allocated, over a known number of requests.</summary>
/// <param name="Layer">The layer, as the table names it.</param>
/// <param name="Requests">Requests measured (the difference between two runs for the engine).</param>
/// <param name="Bytes">Bytes the whole process allocated meanwhile (<c>GC.GetTotalAllocatedBytes(precise: true)</c>).</param>
/// <param name="Failed">Requests that failed: a layer with failures measured an error path, not the one it names.</param>
/// <param name="WorkItems">Thread-pool work items completed meanwhile (<c>ThreadPool.CompletedWorkItemCount</c>): async
/// hops, counted, so a busy machine bends them far less than it bends CPU time.</param>
/// <param name="LockContentions">Times a thread waited for a lock meanwhile (<c>Monitor.LockContentionCount</c>).</param>
public sealed record LayerAllocation(string Layer, long Requests, long Bytes, long Failed, long WorkItems, long LockContentions)
{
    /// <summary>Bytes allocated per request.</summary>
    public double BytesPerRequest => Requests > 0 ? Bytes / (double)Requests : double.NaN;

    /// <summary>Thread-pool work items per request.</summary>
    public double WorkItemsPerRequest => Requests > 0 ? WorkItems / (double)Requests : double.NaN;

    /// <summary>Lock contentions per 1,000 requests.</summary>
    public double LockContentionsPerThousand => Requests > 0 ? LockContentions * 1000.0 / Requests : double.NaN;
}
