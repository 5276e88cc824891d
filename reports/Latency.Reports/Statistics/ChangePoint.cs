namespace Latency.Reports.Statistics;

/// <summary>
/// Where a series steps to a slower level (<see cref="ChangePointDetector.Detect"/>), or to any new level
/// (<see cref="ChangePointDetector.DetectAll"/>).
/// </summary>
/// <param name="Index">The first value of the new segment, zero-based in the series.</param>
/// <param name="Before">The median of the segment before it.</param>
/// <param name="After">The median of the new segment, up to the next change or the newest value.</param>
public sealed record ChangePoint(int Index, double Before, double After)
{
    /// <summary>The step as a ratio of medians, after / before (1.2 is 20 % slower).</summary>
    public double Ratio => After / Before;
}
