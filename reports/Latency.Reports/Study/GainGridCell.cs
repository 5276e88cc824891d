namespace Latency.Reports.Study;

/// <summary>One cell of the <see cref="GainGrid"/>: a country and a workload.</summary>
public sealed record GainGridCell
{
    /// <summary>The comparison's <see cref="StudyVerdict"/>.</summary>
    public required string Verdict { get; init; }

    /// <summary>The p50 gain; null when not estimated.</summary>
    public double? Gain { get; init; }

    /// <summary>The first line: the gain ("4.7x"), or the verdict in words when there is no gain to show.</summary>
    public required string Value { get; init; }

    /// <summary>The second line: the 95% interval ("4.2-5.2x") or why the cell is grey ("no clear difference").</summary>
    public required string Detail { get; init; }

    /// <summary>Fill colour (<see cref="Charts.GainScale"/>).</summary>
    public required string Fill { get; init; }

    /// <summary>Text colour readable on <see cref="Fill"/>.</summary>
    public required string TextColour { get; init; }

    /// <summary>Too few sessions, or a p50-gain interval wider than ±50% of the gain: read the value as a rough guide.</summary>
    public required bool LowConfidence { get; init; }
}
