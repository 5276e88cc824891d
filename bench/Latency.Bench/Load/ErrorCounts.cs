using System.Collections.Concurrent;

namespace Latency.Bench.Load;

/// <summary>Counts of errors by kind; errors are rare next to successes, so a concurrent dictionary is cheap enough.</summary>
public sealed class ErrorCounts
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string kind) => _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counts.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();
}
