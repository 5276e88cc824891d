namespace Latency.RunDirectory;

/// <summary>The content of one interval log, as read by <see cref="IntervalLogReader"/>.</summary>
public sealed record IntervalLog
{
    /// <summary>The file read.</summary>
    public required string Path { get; init; }

    /// <summary>The log's <c>#[StartTime: ...]</c>, or null if it had none (or could not be read).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>
    /// The interval histograms in file order, with <see cref="IntervalHistogram.Tag"/> and absolute
    /// <see cref="IntervalHistogram.StartTimeStamp"/>/<see cref="IntervalHistogram.EndTimeStamp"/> (ms since the epoch).
    /// </summary>
    public IReadOnlyList<IntervalHistogram> Histograms { get; init; } = [];

    /// <summary>Lines that could not be read (errors) and a truncated last line (warning).</summary>
    public IReadOnlyList<RunDirectoryProblem> Problems { get; init; } = [];
}
