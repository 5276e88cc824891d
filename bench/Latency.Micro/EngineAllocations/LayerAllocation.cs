namespace Latency.Micro.EngineAllocations;

/// <summary>What one layer of the request path allocated, over a known number of requests.</summary>
/// <param name="Layer">The layer, as the table names it.</param>
/// <param name="Requests">Requests measured (the difference between two runs for the engine).</param>
/// <param name="Bytes">Bytes the whole process allocated meanwhile (<c>GC.GetTotalAllocatedBytes(precise: true)</c>).</param>
/// <param name="Failed">Requests that failed: a layer with failures measured an error path, not the one it names.</param>
public sealed record LayerAllocation(string Layer, long Requests, long Bytes, long Failed)
{
    /// <summary>Bytes allocated per request.</summary>
    public double BytesPerRequest => Requests > 0 ? Bytes / (double)Requests : double.NaN;
}
