using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using Perfolizer.Mathematics.Cpd;

namespace Latency.Reports.Statistics;

/// <summary>
/// Finds where a series of runs (one row's p50, or its p99, oldest first) steps to a new level, with Perfolizer 0.6.1's
/// ED-PELT (<see cref="EdPeltChangePointDetector"/>: PELT with a nonparametric empirical-distribution cost, Haynes et al.
/// 2017) for the segments of the past, and says whether the newest runs are at a slower level than the runs before
/// them. No random permutations anywhere, so the same series always gives the same answer.
/// </summary>
/// <remarks>
/// <para>Segments: ED-PELT's <c>minDistance</c> is the shortest segment it may cut, set to
/// <see cref="DefaultMinSegment"/> runs, so a single slow night is never a segment of its own. Its result is the index
/// of the last value of the segment before each change, and on short series (tens of runs) its approximate cost can put
/// that a run early or late (a step at run 6 or 7 of 10 both come back as 6); so each change is moved, within
/// <c>minSegment - 1</c> runs, to the split with the least absolute deviation from the two segments' medians.</para>
/// <para>The verdict (<see cref="Detect"/>) is a test against the series' own noise, not a bare ratio of medians.
/// ED-PELT cuts any change of distribution, and on a flat noisy series it cuts short low or high stretches that are
/// only noise; judged against one of those, ordinary noise looked like a step (issue 13: 1.55 false alerts per 100
/// nights at 3.8 % p99 noise). So a past cut counts as a level only when the step across it is significant (below),
/// and the newest <c>minSegment</c> or <c>minSegment + 1</c> runs are tested directly against the level before them,
/// whether or not ED-PELT has cut them yet (on three or four noisy runs it often has not). A step is reported when
/// (1) the ratio of the two segments' medians is above <c>1 + tolerance</c>; (2) at least <c>minSegment</c> runs of the
/// new segment are nearer its median than the previous segment's, so a spike of fewer runs is no step; (3) the shift of
/// the log values, as a Hodges-Lehmann estimate (the median of the pairwise differences, which one or two spiked runs
/// barely move), is above the one-sided Student t quantile at <see cref="FalseAlarmRate"/> times its standard error,
/// from the pooled standard deviation of the log values of both segments: the series' own run-to-run noise (a spike
/// widens it, which is cautious).</para>
/// <para>Confirmed: the new segment is at least <c>minSegment</c> runs long, so a step is reported at the earliest the
/// night its third run confirms it, at the run where it started. The latest significant ED-PELT level, once
/// <c>minSegment</c> runs long, is judged first, the same way against the level before it, so a slower level stays
/// reported for as long as it is the latest one.</para>
/// </remarks>
public static class ChangePointDetector
{
    /// <summary>Runs a segment needs, at least: a step shorter than this is a spike, not a change.</summary>
    public const int DefaultMinSegment = 3;

    /// <summary>
    /// The chance, per test, that noise alone passes the t test of a step (one-sided). Chosen on
    /// <c>change-point-accuracy</c> (bench/results/2026-12-02T1038Z-change-points.md, "After the noise-aware verdict"):
    /// lower costs recall of +10 % steps at 3.8 % p99 noise, higher costs precision.
    /// </summary>
    private const double FalseAlarmRate = 0.003;

    /// <summary>
    /// The latest segment of <paramref name="series"/> when it starts a slower level than the one before: the ratio of
    /// their medians above <c>1 + <paramref name="tolerance"/></c>, confirmed by <paramref name="minSegment"/> runs and
    /// larger than the series' own noise explains (see the remarks on <see cref="ChangePointDetector"/>); null when
    /// there is none, when it is faster, within tolerance or within the noise, when the series is shorter than two
    /// segments, or when a value is not positive (the test is on log values).
    /// </summary>
    /// <param name="series">The values, oldest first (e.g. microseconds of each run's p50).</param>
    /// <param name="tolerance">A relative step not worth reporting, e.g. 0.05 for 5 %.</param>
    /// <param name="minSegment">Runs a segment needs, at least 2.</param>
    public static ChangePoint? Detect(IReadOnlyList<double> series, double tolerance, int minSegment = DefaultMinSegment)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSegment, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        if (series.Count < 2 * minSegment || series.Any(v => !(v > 0)))
        {
            return null;
        }

        var values = series.ToArray();
        var logs = values.Select(v => Math.Log(v)).ToArray();
        var levels = LevelStarts(values, logs, minSegment);

        // A level ED-PELT has cut and the noise cannot explain, judged first: so a slower level stays reported on the
        // nights after the newest-runs test below has passed it, and keeps the start where ED-PELT placed it.
        var window = minSegment + 1;
        if (levels.Count > 0 && values.Length - levels[^1] >= minSegment
            && Judge(values, logs, levels.Count > 1 ? levels[^2] : 0, levels[^1], tolerance, minSegment) is { } established)
        {
            return established;
        }

        // The newest minSegment or minSegment + 1 runs against the level before them; of the two, the split that fits
        // best (least squared deviation of the log values from each side's mean), so the start is placed where it was.
        // A split whose earlier side would straddle a significant cut is none: that cut is where the level starts.
        var bestStart = -1;
        var bestPrevious = 0;
        var bestCost = double.PositiveInfinity;
        for (var start = values.Length - minSegment; start >= Math.Max(minSegment, values.Length - window); start--)
        {
            if (levels.Any(l => l > start - minSegment && l < start))
            {
                continue;
            }

            var previous = levels.LastOrDefault(l => l <= start - minSegment);
            var cost = SquaredDeviation(logs[previous..start]) + SquaredDeviation(logs[start..]);
            if (cost < bestCost)
            {
                (bestStart, bestPrevious, bestCost) = (start, previous, cost);
            }
        }

        return bestStart < 0 ? null : Judge(values, logs, bestPrevious, bestStart, tolerance, minSegment);
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
        var starts = SegmentStarts(values, minSegment);
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
    /// The step from <c>values[previousStart..start]</c> to <c>values[start..]</c> when it is reported (see the remarks
    /// on <see cref="ChangePointDetector"/>: above tolerance, confirmed, above the noise), else null.
    /// </summary>
    private static ChangePoint? Judge(double[] values, double[] logs, int previousStart, int start, double tolerance, int minSegment)
    {
        var before = Median(values[previousStart..start]);
        var after = Median(values[start..]);
        var confirming = values[start..].Count(v => Math.Abs(v - after) < Math.Abs(v - before));
        if (confirming < minSegment || after / before <= 1 + tolerance)
        {
            return null;
        }

        return TStatistic(logs[previousStart..start], logs[start..]) > Threshold(values.Length - previousStart)
            ? new ChangePoint(start, before, after)
            : null;
    }

    /// <summary>
    /// The refined ED-PELT cuts (first run of each new segment) across which the level moved, faster or slower, by more
    /// than the noise explains (two-sided: |t| above the threshold of a reported step), of any size: a small step that is
    /// real is still where the level the newest runs are judged against starts. A cut that is not is merged into the
    /// segment before it. Oldest first.
    /// </summary>
    private static List<int> LevelStarts(double[] values, double[] logs, int minSegment)
    {
        var starts = SegmentStarts(values, minSegment);
        var levels = new List<int>();
        for (var i = 0; i < starts.Count; i++)
        {
            var from = levels.Count > 0 ? levels[^1] : 0;
            var to = i + 1 < starts.Count ? starts[i + 1] : values.Length;
            if (Math.Abs(TStatistic(logs[from..starts[i]], logs[starts[i]..to])) > Threshold(to - from))
            {
                levels.Add(starts[i]);
            }
        }

        return levels;
    }

    /// <summary>
    /// ED-PELT's cuts as the first index of each new segment, each moved by <see cref="Refine"/> between its neighbours;
    /// a cut is listed once when moving brings two together.
    /// </summary>
    private static List<int> SegmentStarts(double[] values, int minSegment)
    {
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

        return starts;
    }

    /// <summary>
    /// The Hodges-Lehmann shift from <paramref name="before"/> to <paramref name="after"/> over its standard error from
    /// the pooled standard deviation of both (a two-sample t statistic with a robust shift); positive when slower. By
    /// hand: Perfolizer 0.6.1 has no two-sample Hodges-Lehmann estimator; the variances are MathNet's.
    /// </summary>
    private static double TStatistic(double[] before, double[] after)
    {
        var shift = Median([.. after.SelectMany(a => before.Select(b => a - b))]);
        var pooledVariance = (((before.Length - 1) * before.Variance()) + ((after.Length - 1) * after.Variance()))
            / (before.Length + after.Length - 2);
        var standardError = Math.Sqrt(pooledVariance * ((1.0 / before.Length) + (1.0 / after.Length)));
        if (standardError > 0)
        {
            return shift / standardError;
        }

        // No noise at all (identical values on each side): any shift is real, and no shift is none.
        return shift == 0 ? 0 : Math.CopySign(double.PositiveInfinity, shift);
    }

    /// <summary>
    /// The one-sided Student t quantile at <see cref="FalseAlarmRate"/> for two segments of <paramref name="runs"/> runs
    /// in all: the noise is estimated from those runs, so with few of them the bar is higher.
    /// </summary>
    private static double Threshold(int runs) => StudentT.InvCDF(0, 1, runs - 2, 1 - FalseAlarmRate);

    private static double SquaredDeviation(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean));
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
