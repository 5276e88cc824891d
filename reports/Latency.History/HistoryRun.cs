using Latency.RunDirectory;

namespace Latency.History;

/// <summary>One run in the history (table <c>runs</c>): what ran, where, when, from which commit, and how it ended.</summary>
public sealed record HistoryRun
{
    /// <summary>The history's own number for the run, in the order runs were added; 0 before it is stored.</summary>
    public long Id { get; init; }

    /// <summary>The suite's name (or study's), as in run.json; for a BenchmarkDotNet report, <c>bdn:</c> and the benchmark class.</summary>
    public required string Suite { get; init; }

    /// <summary>A free text the user gave when adding the run, e.g. "nightly" or "after the CDN change".</summary>
    public string? Label { get; init; }

    /// <summary>The git commit (<c>git rev-parse HEAD</c>) of the checkout the suite file sits in; null outside one.</summary>
    public string? Commit { get; init; }

    /// <summary>The machine the run measured from.</summary>
    public required string Machine { get; init; }

    /// <summary>When the run started; with the suite and the machine, what makes a run the same run.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    public required RunStatus Status { get; init; }

    /// <summary>The run directory (or BenchmarkDotNet report file) as it was given when added (full path).</summary>
    public required string RunDirectory { get; init; }
}
