namespace Latency.History;

/// <summary>Which runs and rows <see cref="HistoryStore.Read"/> returns.</summary>
public sealed record HistoryQuery
{
    /// <summary>Only runs of this suite (exact name); null for all.</summary>
    public string? Suite { get; init; }

    /// <summary>Only rows whose key contains this text (case-insensitive), and runs that have one; null for all.</summary>
    public string? Row { get; init; }

    /// <summary>Only the most recent runs (by start time) of those selected; null for all.</summary>
    public int? Last { get; init; }
}
