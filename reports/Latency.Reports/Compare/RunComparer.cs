using Latency.RunDirectory;
using Latency.Reports.Statistics;

namespace Latency.Reports.Compare;

/// <summary>
/// Compares a current run with a baseline: for every row both share (<see cref="CompareRows"/>), current / baseline
/// at p50, p95 and p99 with the report's seeded order-statistic bootstrap (<see cref="QuantileRatioBootstrap"/>, the
/// current run in the numerator), widened by the history's between-run spread where it has one (<see cref="RowSpread"/>),
/// and each quantile's <see cref="CompareVerdict"/>, decided for all rows together (<see cref="BenjaminiHochberg"/>).
/// Runs that are not comparable (<see cref="Comparability"/>) give their differences and no rows.
/// </summary>
public static class RunComparer
{
    /// <summary>Reads both run directories and compares them; never throws for missing or corrupt files.</summary>
    /// <param name="baselineDirectory">The baseline run directory.</param>
    /// <param name="currentDirectory">The current run directory.</param>
    /// <param name="tolerance">The share (0.05 = 5%) within which a ratio counts as no change.</param>
    /// <param name="spreads">Each row's between-run spread from the history (<see cref="CompareRow.Key"/>), or null for none.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<RunComparison> CompareAsync(string baselineDirectory, string currentDirectory, double tolerance,
        IReadOnlyDictionary<string, RowSpread>? spreads = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baselineDirectory);
        ArgumentNullException.ThrowIfNull(currentDirectory);
        // Only the totals are compared: keep no interval series.
        var baseline = await RunDirectoryReader.ReadAsync(baselineDirectory, _ => false, cancellationToken).ConfigureAwait(false);
        var current = await RunDirectoryReader.ReadAsync(currentDirectory, _ => false, cancellationToken).ConfigureAwait(false);
        return Compare(baseline, current, tolerance, spreads);
    }

    /// <summary>Compares two runs already read.</summary>
    /// <param name="baseline">The baseline run.</param>
    /// <param name="current">The current run.</param>
    /// <param name="tolerance">The share (0.05 = 5%) within which a ratio counts as no change.</param>
    /// <param name="spreads">
    /// Each row's between-run spread from the history (<see cref="CompareRow.Key"/> -> <see cref="RowSpread"/>), or null
    /// or a missing row for the bootstrap's within-run interval alone.
    /// </param>
    public static RunComparison Compare(RunData baseline, RunData current, double tolerance,
        IReadOnlyDictionary<string, RowSpread>? spreads = null)
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
        var rows = shared.Select(tag => CompareRow(currentRows[tag], baseline.Totals[tag], current.Totals[tag], bootstrap, tolerance,
            spreads?.GetValueOrDefault(currentRows[tag].Key))).ToList();
        var (decided, tests) = Decide(rows, tolerance);
        return result with
        {
            Rows = decided,
            Tests = tests,
            SpreadRuns = spreads is { Count: > 0 } ? spreads.Values.Max(s => s.Runs) : 0,
            OnlyInBaseline = baselineRows.Values.Where(r => !currentRows.ContainsKey(r.Tag)).Select(r => r.Label).ToList(),
            OnlyInCurrent = currentRows.Values.Where(r => !baselineRows.ContainsKey(r.Tag)).Select(r => r.Label).ToList(),
        };
    }

    /// <summary>
    /// Every quantile's verdict, once all are known: the p-values of the quantiles with enough samples are adjusted
    /// together (<see cref="BenjaminiHochberg"/>), so a study of 42 rows x 3 quantiles is held to the same false-alarm
    /// rate as a single comparison.
    /// </summary>
    private static (IReadOnlyList<RowComparison> Rows, int Tests) Decide(IReadOnlyList<RowComparison> rows, double tolerance)
    {
        var tested = rows.SelectMany(r => r.Quantiles).Where(q => !q.TooFewSamples && double.IsFinite(q.PValue)).ToList();
        var adjusted = BenjaminiHochberg.Adjust(tested.Select(q => q.PValue).ToList());
        var byQuantile = new Dictionary<QuantileComparison, double>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < tested.Count; i++)
        {
            byQuantile[tested[i]] = adjusted[i];
        }

        var decided = rows.Select(r => r with
        {
            Quantiles = r.Quantiles.Select(q =>
            {
                var adjustedP = byQuantile.TryGetValue(q, out var a) ? a : double.NaN;
                return q with { AdjustedPValue = adjustedP, Verdict = CompareVerdict.Decide(q, adjustedP, tolerance) };
            }).ToList(),
        }).ToList();
        return (decided, tested.Count);
    }

    private static RowComparison CompareRow(CompareRow row, HdrHistogram.HistogramBase baseline, HdrHistogram.HistogramBase current,
        QuantileRatioBootstrap bootstrap, double tolerance, RowSpread? spread)
    {
        // The bootstrap's ratio is its first argument over its second: current / baseline, so > 1 is slower.
        var currentBuckets = HistogramBuckets.From(current);
        var baselineBuckets = HistogramBuckets.From(baseline);
        var ratios = bootstrap.Estimate(currentBuckets, baselineBuckets, QuantileRatioBootstrap.ReportProbabilities);
        return new RowComparison
        {
            Row = row,
            BaselineCount = baseline.TotalCount,
            CurrentCount = current.TotalCount,
            Quantiles = ratios.Select(r => Quantile(r, DistributionFreeRatioInterval.Estimate(currentBuckets, baselineBuckets, r.Probability,
                r.ConfidenceLevel), tolerance, spread)).ToList(),
        };
    }

    /// <summary>
    /// One quantile before the verdict: the within-run interval (on each side the wider of the bootstrap's and the
    /// distribution-free one, <see cref="DistributionFreeRatioInterval"/>), widened on each side to the between-run
    /// spread's interval (ratio x exp(±z σ)) when the history gives one and it is wider, and its p-value.
    /// </summary>
    private static QuantileComparison Quantile(GainEstimate ratio, (double Lower, double Upper) distributionFree, double tolerance, RowSpread? spread)
    {
        var withinLower = double.IsFinite(distributionFree.Lower) ? Math.Min(ratio.Lower, distributionFree.Lower) : ratio.Lower;
        var withinUpper = double.IsNaN(distributionFree.Upper) ? ratio.Upper : Math.Max(ratio.Upper, distributionFree.Upper);
        var (lower, upper) = (withinLower, withinUpper);
        double? sigma = spread is not null && spread.ByProbability.TryGetValue(ratio.Probability, out var s) ? s : null;
        if (sigma is { } between && double.IsFinite(ratio.Gain) && ratio.Gain > 0)
        {
            var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - (1 - ratio.ConfidenceLevel) / 2);
            lower = Math.Min(lower, ratio.Gain * Math.Exp(-z * between));
            upper = Math.Max(upper, ratio.Gain * Math.Exp(z * between));
        }

        return new QuantileComparison
        {
            Probability = ratio.Probability,
            Ratio = ratio.Gain,
            Lower = lower,
            Upper = upper,
            WithinRunLower = withinLower,
            WithinRunUpper = withinUpper,
            BetweenRunSpread = sigma,
            PValue = ToleranceBandTest.PValue(ratio.Gain, lower, upper, tolerance).PValue,
            TooFewSamples = ratio.TooFewSamples,
            CurrentUs = ratio.OriginQuantile,
            BaselineUs = ratio.InRegionQuantile,
            Verdict = CompareVerdict.NoChange,
        };
    }
}
