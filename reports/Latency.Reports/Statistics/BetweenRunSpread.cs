namespace Latency.Reports.Statistics;

/// <summary>
/// How much one row's quantile moves from run to run of the same suite on the same machine, from the history of
/// earlier runs: the standard deviation of log(run i+1 / run i), estimated robustly as 1.4826 x the median absolute
/// log ratio of consecutive runs (the MAD's consistency constant for a normal distribution centred on 0).
/// </summary>
/// <remarks>
/// <para>Why this and not the bootstrap alone: a bootstrap resamples one run's values and so sees only the noise
/// within a run; two runs of the same suite differ by more (another process on the machine, a GC, a warmer cache), and
/// an interval that ignores that calls a quiet night a regression. The log ratio of two runs is exactly what
/// <c>latency compare</c> estimates, so the spread of the log ratios of consecutive earlier runs is the spread a
/// comparison of two runs has, within-run noise included.</para>
/// <para>Why consecutive ratios and a median: a history that holds one real step (last month's regression) would
/// inflate a plain standard deviation of the levels for good; consecutive ratios turn a step into a single large
/// ratio, and the median ignores it (it ignores any share of outliers under one half).</para>
/// </remarks>
public static class BetweenRunSpread
{
    /// <summary>Earlier runs needed, at least (four consecutive ratios): fewer and the median of so few ratios says little.</summary>
    public const int MinimumRuns = 5;

    /// <summary>Earlier runs used, at most (the most recent ones): older nights may describe another machine or build.</summary>
    public const int MaximumRuns = 30;

    /// <summary>1 / Φ⁻¹(3/4): turns a median absolute deviation into a normal standard deviation.</summary>
    private const double NormalConsistency = 1.4826;

    /// <summary>
    /// The standard deviation of the log ratio of two runs, from <paramref name="values"/> (one row's quantile in each
    /// earlier run, oldest first; only the last <see cref="MaximumRuns"/> count); null with fewer than
    /// <see cref="MinimumRuns"/> positive values.
    /// </summary>
    /// <param name="values">The quantile of each earlier run, oldest first; zero, negative and non-finite values are skipped.</param>
    public static double? Estimate(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var usable = values.Where(v => double.IsFinite(v) && v > 0).TakeLast(MaximumRuns).ToList();
        if (usable.Count < MinimumRuns)
        {
            return null;
        }

        var ratios = new double[usable.Count - 1];
        for (var i = 1; i < usable.Count; i++)
        {
            ratios[i - 1] = Math.Abs(Math.Log(usable[i] / usable[i - 1]));
        }

        Array.Sort(ratios);
        var middle = ratios.Length / 2;
        var median = ratios.Length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
        return NormalConsistency * median;
    }
}
