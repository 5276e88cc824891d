using Perfolizer.Mathematics.Cpd;

namespace Latency.Reports.Statistics;

/// <summary>
/// Finds where a series of runs (one row's p50, or its p99, oldest first) steps to a new level, with Perfolizer 0.6.1's
/// ED-PELT (<see cref="EdPeltChangePointDetector"/>: PELT with a nonparametric empirical-distribution cost, Haynes et al.
/// 2017): no random permutations, so the same series always gives the same answer. Then says whether the latest
/// segment, the one the newest run is in, is slower than the segment before it.
/// </summary>
/// <remarks>
/// <para>Segment length: ED-PELT's <c>minDistance</c> is the shortest segment it may cut, set to
/// <see cref="DefaultMinSegment"/> runs, so a single slow night is never a segment of its own. Its result is the index
/// of the last value of the segment before each change, and on short series (tens of runs) its approximate cost can put
/// that a run early or late (a step at run 6 or 7 of 10 both come back as 6); so the latest change is moved, within
/// <c>minSegment - 1</c> runs, to the split with the least absolute deviation from the two segments' medians, and
/// <see cref="Detect"/> reports the first run of the new segment.</para>
/// <para>Confirmed: a segment at the end of the series is cut at least <c>minDistance</c> long, even when only the last
/// one or two runs moved (it then starts a run or two early). The latest segment counts only when at least
/// <see cref="DefaultMinSegment"/> of its runs are nearer its median than the previous segment's median, so two slow
/// nights at the end are reported the night a third one confirms them, at the run where they started.</para>
/// <para>Slower: ED-PELT finds any change of distribution, however small; the step is the ratio of the two segments'
/// medians, and only one above <c>1 + tolerance</c> is reported.</para>
/// </remarks>
public static class ChangePointDetector
{
    /// <summary>Runs a segment needs, at least: a step shorter than this is a spike, not a change.</summary>
    public const int DefaultMinSegment = 3;

    /// <summary>
    /// The latest segment of <paramref name="series"/> when it starts a slower level than the one before (the ratio of
    /// their medians above <c>1 + <paramref name="tolerance"/></c>); null when there is none, when it is faster or within
    /// tolerance, or when the series is shorter than two segments.
    /// </summary>
    /// <param name="series">The values, oldest first (e.g. microseconds of each run's p50).</param>
    /// <param name="tolerance">A relative step not worth reporting, e.g. 0.05 for 5 %.</param>
    /// <param name="minSegment">Runs a segment needs, at least 2.</param>
    public static ChangePoint? Detect(IReadOnlyList<double> series, double tolerance, int minSegment = DefaultMinSegment)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSegment, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        if (series.Count < 2 * minSegment)
        {
            return null;
        }

        var values = series.ToArray();
        var lastOfSegments = EdPeltChangePointDetector.Instance.GetChangePointIndexes(values, minSegment);
        if (lastOfSegments.Length == 0)
        {
            return null;
        }

        var previousStart = lastOfSegments.Length > 1 ? lastOfSegments[^2] + 1 : 0;
        var start = Refine(values, previousStart, lastOfSegments[^1] + 1, values.Length, minSegment);
        var before = Median(values[previousStart..start]);
        var after = Median(values[start..]);
        var confirming = values[start..].Count(v => Math.Abs(v - after) < Math.Abs(v - before));
        if (confirming < minSegment || before <= 0 || after / before <= 1 + tolerance)
        {
            return null;
        }

        return new ChangePoint(start, before, after);
    }

    /// <summary>
    /// Every change of level in <paramref name="series"/>, oldest first, faster or slower and of any size: each cut
    /// ED-PELT makes (segments at least <paramref name="minSegment"/> long), moved as <see cref="Detect"/> moves the
    /// latest one (within <c>minSegment - 1</c> runs, between the cuts either side of it, to the split with the least
    /// absolute deviation from the two segments' medians). Each comes with the median of the segment before it and of
    /// its own segment (up to the next change); empty when the series is shorter than two segments. No tolerance and
    /// no confirmation: this is where the series changes, for a chart to mark, not a verdict.
    /// </summary>
    /// <param name="series">The values, oldest first.</param>
    /// <param name="minSegment">Runs a segment needs, at least 2.</param>
    public static IReadOnlyList<ChangePoint> DetectAll(IReadOnlyList<double> series, int minSegment = DefaultMinSegment)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSegment, 2);
        if (series.Count < 2 * minSegment)
        {
            return [];
        }

        var values = series.ToArray();
        // Cuts as first index of the new segment, with the series' ends, so each cut has a segment on either side.
        var bounds = EdPeltChangePointDetector.Instance.GetChangePointIndexes(values, minSegment).Select(i => i + 1).Prepend(0)
            .Append(values.Length).ToArray();
        var starts = new List<int>();
        for (var cut = 1; cut < bounds.Length - 1; cut++)
        {
            // Moving neighbours within minSegment - 1 runs may bring two cuts together; a cut is listed once.
            var start = Refine(values, bounds[cut - 1], bounds[cut], bounds[cut + 1], minSegment);
            if (starts.Count == 0 || start > starts[^1])
            {
                starts.Add(start);
            }
        }

        var result = new List<ChangePoint>();
        for (var i = 0; i < starts.Count; i++)
        {
            var previousStart = i > 0 ? starts[i - 1] : 0;
            var end = i + 1 < starts.Count ? starts[i + 1] : values.Length;
            result.Add(new ChangePoint(starts[i], Median(values[previousStart..starts[i]]), Median(values[starts[i]..end])));
        }

        return result;
    }

    /// <summary>
    /// The split of <c>values[previousStart..end]</c> near <paramref name="start"/> (within <c>minSegment - 1</c> runs,
    /// both segments still <paramref name="minSegment"/> long) with the least total absolute deviation from the two
    /// segments' medians; the nearest to <paramref name="start"/> on a tie, then the earliest.
    /// </summary>
    private static int Refine(double[] values, int previousStart, int start, int end, int minSegment)
    {
        var from = Math.Max(previousStart + minSegment, start - minSegment + 1);
        var to = Math.Min(end - minSegment, start + minSegment - 1);
        var best = start;
        var bestCost = double.PositiveInfinity;
        for (var split = from; split <= to; split++)
        {
            var cost = Deviation(values[previousStart..split]) + Deviation(values[split..end]);
            if (cost < bestCost || (cost == bestCost && Math.Abs(split - start) < Math.Abs(best - start)))
            {
                best = split;
                bestCost = cost;
            }
        }

        return best;
    }

    private static double Deviation(double[] values)
    {
        var median = Median(values);
        return values.Sum(v => Math.Abs(v - median));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
