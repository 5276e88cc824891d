using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Latency.Micro.EngineAllocations;

/// <summary>
/// The runtime's <c>GCAllocationTick</c> events, summed by type: the runtime raises one each time a thread has
/// allocated about 100 KB, naming the type of the object that crossed the mark, so over many requests the sums split
/// the bytes by type in proportion (a sample, not a count; the totals come from <c>GC.GetTotalAllocatedBytes</c>).
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _sampling;

    /// <summary>Starts or stops counting events (the listener stays attached: enabling is not instant).</summary>
    public bool Sampling
    {
        get => _sampling;
        set => _sampling = value;
    }

    /// <summary>Sampled bytes by type name, largest first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> ByType() =>
        [.. _bytesByType.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Value)];

    /// <summary>Forgets what was sampled so far.</summary>
    public void Clear() => _bytesByType.Clear();

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // AllocationTick is a verbose GC event.
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_sampling || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal)
            || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        var typeIndex = names.IndexOf("TypeName");
        var amountIndex = names.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0 || payload[typeIndex] is not string type)
        {
            return;
        }

        var amount = Convert.ToInt64(payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
