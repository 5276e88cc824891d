namespace Latency.RunDirectory;

/// <summary>One interval log of a run.</summary>
public sealed record HistogramLogEntry
{
    /// <summary>File name relative to the run directory, e.g. "checkout.hlog".</summary>
    public required string File { get; init; }

    /// <summary>The histogram tags (<see cref="HistogramTag.Format"/>) that occur in the file.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
