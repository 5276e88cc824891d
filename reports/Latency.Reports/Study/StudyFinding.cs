using System.Globalization;
using Latency.Reports.Statistics;

namespace Latency.Reports.Study;

/// <summary>
/// The study's answer in one sentence, above the first table: in how many comparisons (country x workload) the
/// in-region deployment was significantly faster, slower or not distinguishable (the rank-sum verdicts), and the range
/// and median of the p50 gains the table shows. Pure: the same statistics give the same sentence.
/// </summary>
public static class StudyFinding
{
    /// <summary>The sentence, or null when no row has both deployments measured.</summary>
    public static string? Sentence(IReadOnlyList<RowStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var compared = statistics.Where(s => s.RankSum is not null && s.Row.GainP50 is not null).ToList();
        if (compared.Count == 0)
        {
            return null;
        }

        var faster = compared.Count(s => s.RankSum!.Verdict == RankSumResult.Faster);
        var slower = compared.Count(s => s.RankSum!.Verdict == RankSumResult.Slower);
        var same = compared.Count - faster - slower;
        var byGain = compared.OrderBy(s => s.Row.GainP50!.Value).ToList();
        var gains = byGain.Select(s => s.Row.GainP50!.Value).ToList();
        // The median of the rows' gains (the mean of the middle two for an even count): a summary, not an estimate.
        var median = gains.Count % 2 == 1 ? gains[gains.Count / 2] : (gains[gains.Count / 2 - 1] + gains[gains.Count / 2]) / 2;
        string Where(RowStatistics s) => $"{s.Row.Country}, {WorkloadLabel.Of(s.Row.Workload)}";

        var text = string.Create(CultureInfo.InvariantCulture,
            $"The in-region deployment was significantly faster in {faster} of {compared.Count} comparison(s) (a country and a workload each), " +
            $"slower in {slower}, and not significantly different in {same} (Mann-Whitney rank-sum test, 5% level).");
        return compared.Count == 1
            ? text + $" The median session's gain is {ReportFormat.Gain(gains[0])}."
            : text + $" Median-session gains range from {ReportFormat.Gain(gains[0])} ({Where(byGain[0])}) to {ReportFormat.Gain(gains[^1])} " +
              $"({Where(byGain[^1])}); their median is {ReportFormat.Gain(median)}.";
    }
}
