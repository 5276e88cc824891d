using System.Globalization;
using Latency.Reports.Statistics;

namespace Latency.Reports.Study;

/// <summary>
/// The report's answer in at most 30 words (issue 11), above everything else: how much faster the main workload is in
/// region, as "% faster" and as time saved, with its 95% interval in words, and in how many of the country x workload
/// pairs the in-region deployment is clearly faster by the report's one verdict rule (<see cref="StudyVerdict"/>).
/// "% faster" is the share of the session's time saved (1 - 1/gain): a 4x gain is 75% faster.
/// </summary>
public static class StudyHeadline
{
    /// <summary>The most words the headline may have.</summary>
    public const int MaxWords = 30;

    /// <summary>The headline, or null when no comparison has an in-region side.</summary>
    /// <param name="statistics">The study's rows with their statistics.</param>
    /// <param name="mainWorkload">The workload the headline speaks of.</param>
    public static string? Of(IReadOnlyList<RowStatistics> statistics, string? mainWorkload)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var compared = statistics.Where(s => s.Row.InRegion is not null).ToList();
        if (compared.Count == 0)
        {
            return null;
        }

        var pairs = compared.Count == 1
            ? ""
            : $"; clearly faster in {compared.Count(s => s.Verdict == StudyVerdict.Faster)} of {compared.Count} country-workload pairs";
        // Pool the countries whose main-workload comparison the verdict could judge: errors and too few sessions would
        // put a number on sessions users do not see, or on an interval that claims more than it has.
        var judged = compared.Where(s => s.Row.Workload == mainWorkload && s.GainP50 is not null
                                         && s.Verdict is StudyVerdict.Faster or StudyVerdict.Slower or StudyVerdict.NoDifference).ToList();
        var pooled = new GeometricMeanGain().Estimate(judged.Select(s => s.GainP50!).ToList());
        if (pooled is null || mainWorkload is null)
        {
            return $"In region: no {WorkloadLabel.InSentence(mainWorkload ?? "workload")} comparison could be judged" + pairs + ".";
        }

        var where = judged.Count == 1 ? $"in {judged[0].Row.Country}" : $"across {judged.Count} countries";
        var workload = WorkloadLabel.InSentence(mainWorkload);
        // The mean of the countries' differences of medians, as the difference of their means.
        var saved = GainWording.TimeSaved(judged.Average(s => s.Row.Origin.P50Us) / 1000, judged.Average(s => s.Row.InRegion!.P50Us) / 1000);
        var least = 1 + judged[0].PracticalDifference;
        var claim = pooled.Lower > 1 && pooled.Gain >= least
            ? $"{workload} is {GainWording.PercentFaster(pooled.Gain)} ({saved}; very likely {Share(pooled.Lower)}-{Share(pooled.Upper)}%)"
            : pooled.Upper < 1 && pooled.Gain <= 1 / least
                ? $"{workload} is {GainWording.PercentFaster(pooled.Gain)} ({saved}; very likely {Share(pooled.Upper)}-{Share(pooled.Lower)}%)"
                : $"{workload} shows no clear difference (very likely between {GainWording.PercentFaster(pooled.Lower)} and {GainWording.PercentFaster(pooled.Upper)})";
        return $"In region, {claim} {where}{pairs}.";
    }

    /// <summary>Words in <paramref name="text"/>, as the 30-word limit counts them (runs of non-space characters).</summary>
    public static int Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    // A bound of the interval as GainWording.PercentFaster counts it (time saved, or time added when slower), number only.
    private static string Share(double gain) =>
        Math.Round((gain >= 1 ? 1 - 1 / gain : 1 / gain - 1) * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
}
