using Latency.RunDirectory;
using Latency.Reports.Statistics;

namespace Latency.Reports.Compare;

/// <summary>
/// Compares a current run with a baseline: for every row both share (<see cref="CompareRows"/>), current / baseline
/// at p50, p95 and p99 with the report's seeded order-statistic bootstrap (<see cref="QuantileRatioBootstrap"/>, the
/// current run in the numerator), and each quantile's <see cref="CompareVerdict"/>. Runs that are not comparable
/// (<see cref="Comparability"/>) give their differences and no rows.
/// </summary>
public static class RunComparer
{
    /// <summary>Reads both run directories and compares them; never throws for missing or corrupt files.</summary>
    /// <param name="baselineDirectory">The baseline run directory.</param>
    /// <param name="currentDirectory">The current run directory.</param>
    /// <param name="tolerance">The share (0.05 = 5%) within which a ratio counts as no change.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<RunComparison> CompareAsync(string baselineDirectory, string currentDirectory, double tolerance,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baselineDirectory);
        ArgumentNullException.ThrowIfNull(currentDirectory);
        // Only the totals are compared: keep no interval series.
        var baseline = await RunDirectoryReader.ReadAsync(baselineDirectory, _ => false, cancellationToken).ConfigureAwait(false);
        var current = await RunDirectoryReader.ReadAsync(currentDirectory, _ => false, cancellationToken).ConfigureAwait(false);
        return Compare(baseline, current, tolerance);
    }

    /// <summary>Compares two runs already read.</summary>
    /// <param name="baseline">The baseline run.</param>
    /// <param name="current">The current run.</param>
    /// <param name="tolerance">The share (0.05 = 5%) within which a ratio counts as no change.</param>
    public static RunComparison Compare(RunData baseline, RunData current, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        if (!double.IsFinite(tolerance) || tolerance is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), "the tolerance must be in [0, 1)");
        }

        var baselineRows = CompareRows.Of(baseline).ToDictionary(r => r.Tag);
        var currentRows = CompareRows.Of(current).ToDictionary(r => r.Tag);
        var shared = currentRows.Keys.Where(baselineRows.ContainsKey).OrderBy(t => t.Format(), StringComparer.Ordinal).ToList();
        var result = new RunComparison
        {
            BaselineDirectory = baseline.Directory,
            CurrentDirectory = current.Directory,
            Tolerance = tolerance,
            Differences = Comparability.Differences(baseline, current, shared.Count),
        };
        if (!result.IsComparable)
        {
            return result;
        }

        var bootstrap = new QuantileRatioBootstrap();
        return result with
        {
            Rows = shared.Select(tag => CompareRow(currentRows[tag], baseline.Totals[tag], current.Totals[tag], bootstrap, tolerance)).ToList(),
            OnlyInBaseline = baselineRows.Values.Where(r => !currentRows.ContainsKey(r.Tag)).Select(r => r.Label).ToList(),
            OnlyInCurrent = currentRows.Values.Where(r => !baselineRows.ContainsKey(r.Tag)).Select(r => r.Label).ToList(),
        };
    }

    private static RowComparison CompareRow(CompareRow row, HdrHistogram.HistogramBase baseline, HdrHistogram.HistogramBase current,
        QuantileRatioBootstrap bootstrap, double tolerance)
    {
        // The bootstrap's ratio is its first argument over its second: current / baseline, so > 1 is slower.
        var ratios = bootstrap.Estimate(current, baseline);
        return new RowComparison
        {
            Row = row,
            BaselineCount = baseline.TotalCount,
            CurrentCount = current.TotalCount,
            Quantiles = ratios.Select(r => new QuantileComparison
            {
                Probability = r.Probability,
                Ratio = r.Gain,
                Lower = r.Lower,
                Upper = r.Upper,
                CurrentUs = r.OriginQuantile,
                BaselineUs = r.InRegionQuantile,
                Verdict = CompareVerdict.Decide(r, tolerance),
            }).ToList(),
        };
    }
}
