using Latency.RunDirectory;
using Latency.Reports.Statistics;

namespace Latency.Reports.Study;

/// <summary>
/// What one study row says beyond <see cref="StudySummary"/>'s HdrHistogram quantiles, from the run's full
/// distributions (<see cref="RunData.Totals"/> by <see cref="DeploymentSessions.Tag"/>): the p50, p95 and p99 gains with
/// their bootstrap intervals, the row's <see cref="StudyVerdict"/>, and each deployment's p50/p95 with confidence intervals.
/// </summary>
/// <remarks>
/// Computed once per report and handed to the document, the gain chart and the summary files: the bootstrap is the
/// costliest step of a large run's report, and one computation means the three cannot disagree.
/// </remarks>
public sealed record RowStatistics
{
    /// <summary>The row these statistics are of.</summary>
    public required StudyRow Row { get; init; }

    /// <summary>
    /// The gains at <see cref="QuantileRatioBootstrap.ReportProbabilities"/> (p50, p95, p99) with their bootstrap
    /// intervals, from one bootstrap; empty when either side has no sessions.
    /// </summary>
    public IReadOnlyList<GainEstimate> Gains { get; init; } = [];

    /// <summary>The p50 gain with its bootstrap interval; null when either side has no sessions.</summary>
    public GainEstimate? GainP50 => Gain(0.5);

    /// <summary>
    /// Half the p50-gain interval's width as a share of the gain (0.1 = the gain within ±10%): what the study's
    /// <c>precision</c> targets; null without an interval.
    /// </summary>
    public double? HalfWidth => GainP50 is { } g && double.IsFinite(g.Lower) && double.IsFinite(g.Upper) && g.Gain > 0
        ? (g.Upper - g.Lower) / 2 / g.Gain
        : null;

    /// <summary>The gain at <paramref name="probability"/> (one of p50, p95, p99), or null when not estimated.</summary>
    public GainEstimate? Gain(double probability) => Gains.FirstOrDefault(g => g.Probability == probability);

    /// <summary>What the row found (<see cref="StudyVerdict"/>): faster, slower, no_difference, errors or too_few_samples.</summary>
    public required string Verdict { get; init; }

    /// <summary>The share of failed sessions above which the verdict is <see cref="StudyVerdict.Errors"/>.</summary>
    public required double MaxErrorRate { get; init; }

    /// <summary>The smallest p50 gain, as a share, that the verdict counts as faster or slower (study <c>practical_difference</c>).</summary>
    public double PracticalDifference { get; init; } = StudyVerdict.DefaultPracticalDifference;

    /// <summary>The origin's p50/p95 with intervals; null when it has no sessions.</summary>
    public DeploymentQuantiles? Origin { get; init; }

    /// <summary>The in-region deployment's p50/p95 with intervals; null when there is none or it has no sessions.</summary>
    public DeploymentQuantiles? InRegion { get; init; }

    /// <summary>The statistics of every row of <paramref name="summary"/>, in its row order.</summary>
    public static IReadOnlyList<RowStatistics> From(StudySummary summary, RunData run)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Rows.Select(r => From(r, run)).ToList();
    }

    /// <summary>The statistics of <paramref name="row"/>; the verdict allows run.json's study <c>max_error_rate</c> of failures.</summary>
    public static RowStatistics From(StudyRow row, RunData run)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(run);
        IReadOnlyList<GainEstimate> gains = [];
        if (row.InRegion is not null
            && run.Totals.TryGetValue(row.Origin.Tag, out var originHistogram) && originHistogram.TotalCount > 0
            && run.Totals.TryGetValue(row.InRegion.Tag, out var inRegionHistogram) && inRegionHistogram.TotalCount > 0)
        {
            gains = new QuantileRatioBootstrap().Estimate(originHistogram, inRegionHistogram);
        }

        var maxErrorRate = run.Manifest?.Study?.MaxErrorRate ?? StudyInfo.DefaultMaxErrorRate;
        var practicalDifference = run.Manifest?.Study?.PracticalDifference ?? StudyVerdict.DefaultPracticalDifference;
        return new RowStatistics
        {
            Row = row,
            Gains = gains,
            Verdict = StudyVerdict.Decide(row, gains.FirstOrDefault(g => g.Probability == 0.5), maxErrorRate, practicalDifference),
            MaxErrorRate = maxErrorRate,
            PracticalDifference = practicalDifference,
            Origin = DeploymentQuantiles.From(run, row.Origin),
            InRegion = DeploymentQuantiles.From(run, row.InRegion),
        };
    }

    /// <summary>Throws unless <paramref name="statistics"/> are those of <paramref name="summary"/>'s rows, in row order.</summary>
    internal static void CheckAligned(StudySummary summary, IReadOnlyList<RowStatistics> statistics, string paramName)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(statistics, paramName);
        if (!statistics.Select(s => s.Row).SequenceEqual(summary.Rows, ReferenceEqualityComparer.Instance))
        {
            throw new ArgumentException("statistics must be those of the summary's rows, in row order", paramName);
        }
    }
}
