using System.Globalization;

namespace Latency.Reports.Study;

/// <summary>
/// The study's answer in one sentence, above the first table: in how many comparisons (country x workload) each
/// <see cref="StudyVerdict"/> was found, and the range and median of the p50 gains of the comparisons that have one
/// (rows with the verdict "errors" left out). Pure: the same statistics give the same sentence.
/// </summary>
public static class StudyFinding
{
    /// <summary>The sentence, or null when no row has an in-region deployment to compare with.</summary>
    public static string? Sentence(IReadOnlyList<RowStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.All(s => s.Row.InRegion is null))
        {
            return null;
        }

        int Count(string verdict) => statistics.Count(s => s.Verdict == verdict);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"The in-region deployment was faster in {Count(StudyVerdict.Faster)} of {statistics.Count} comparison(s) (a country and a workload each), " +
            $"slower in {Count(StudyVerdict.Slower)}, and not clearly different in {Count(StudyVerdict.NoDifference)}");
        var others = new List<string>();
        if (Count(StudyVerdict.Errors) is > 0 and var errors)
        {
            others.Add($"{errors} had too many failed sessions to compare");
        }

        if (Count(StudyVerdict.TooFewSamples) is > 0 and var few)
        {
            others.Add($"{few} had too few sessions");
        }

        text += others.Count == 0 ? "." : "; " + string.Join(" and ", others) + ".";
        var byGain = statistics.Where(s => s.Row.GainP50 is not null && s.Verdict != StudyVerdict.Errors).OrderBy(s => s.Row.GainP50!.Value).ToList();
        if (byGain.Count == 0)
        {
            return text;
        }

        var gains = byGain.Select(s => s.Row.GainP50!.Value).ToList();
        // The median of the rows' gains (the mean of the middle two for an even count): a summary, not an estimate.
        var median = gains.Count % 2 == 1 ? gains[gains.Count / 2] : (gains[gains.Count / 2 - 1] + gains[gains.Count / 2]) / 2;
        string Where(RowStatistics s) => $"{s.Row.Country}, {WorkloadLabel.Of(s.Row.Workload)}";
        return byGain.Count == 1
            ? text + $" The median session's gain is {ReportFormat.Gain(gains[0])}."
            : text + $" Median-session gains range from {ReportFormat.Gain(gains[0])} ({Where(byGain[0])}) to {ReportFormat.Gain(gains[^1])} " +
              $"({Where(byGain[^1])}); their median is {ReportFormat.Gain(median)}.";
    }
}
