using System.Globalization;
using Latency.Reports.Charts;

namespace Latency.Reports.Study;

/// <summary>
/// One sentence per country for the main workload that a product lead can repeat (issue 11): "India: app cold start
/// 4.7x faster from Mumbai, very likely between 4.2x and 5.2x (faster in every resampled run). Typical session
/// (median): 2.3 s on Beijing, 480 ms in region (79% faster); slow sessions (1 in 20): 3.4 s and 900 ms (74% faster)."
/// Plain labels instead of p50/p95, seconds and percentages side by side, uncertainty in words
/// (<see cref="GainWording"/>), and every verdict other than faster or slower said as such.
/// </summary>
public static class CountrySentences
{
    /// <summary>The sentences, in the order of <paramref name="grid"/>'s rows; empty without a grid or main workload.</summary>
    /// <param name="statistics">The study's rows with their statistics.</param>
    /// <param name="grid">The first screen's grid (its row order is the sentences' order).</param>
    /// <param name="mainWorkload">The workload the sentences speak of.</param>
    public static IReadOnlyList<string> Of(IReadOnlyList<RowStatistics> statistics, GainGrid? grid, string? mainWorkload)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (grid is null || mainWorkload is null)
        {
            return [];
        }

        return grid.Rows
            .Select(r => statistics.FirstOrDefault(s => s.Row.Probe == r.Probe && s.Row.Workload == mainWorkload && s.Row.InRegion is not null) is { } s
                ? Sentence(r.Label, s)
                : null)
            .OfType<string>()
            .ToList();
    }

    /// <summary>The sentence of one comparison, opening with <paramref name="label"/>.</summary>
    public static string Sentence(string label, RowStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(statistics);
        var row = statistics.Row;
        var workload = WorkloadLabel.InSentence(row.Workload);
        var from = row.City is { Length: > 0 } city ? $" from {city}" : "";
        var gain = statistics.GainP50;
        switch (statistics.Verdict)
        {
            case StudyVerdict.Errors:
                return $"{label}: {workload}{from}: too many failed sessions to compare ({StudyVerdict.Label(StudyVerdict.Errors, row)}).";
            case StudyVerdict.TooFewSamples:
                return $"{label}: {workload}{from}: too few sessions to say (" +
                       (row.GainP50 is { } few ? $"{GainScale.Format(few)} from {Math.Min(row.Origin.Count, row.InRegion!.Count)} sessions a side)." : "no sessions on a side).");
            case StudyVerdict.NoDifference when gain is not null:
                return $"{label}: {workload}{from}: no clear difference ({GainScale.Format(gain.Gain)}, {GainWording.Interval(gain)}).";
        }

        if (gain is null || row.InRegion is null)
        {
            return $"{label}: {workload}{from}: no comparison.";
        }

        var claim = statistics.Verdict == StudyVerdict.Slower
            ? $"{GainScale.Format(1 / gain.Gain)} slower{from}, {GainWording.Interval(gain with { Lower = 1 / gain.Upper, Upper = 1 / gain.Lower })} slower"
            : $"{GainScale.Format(gain.Gain)} faster{from}, {GainWording.Interval(gain)}";
        var typical = $"Typical session (median): {Time(row.Origin.P50Us)} on {Capitalize(row.Origin.Deployment)}, {Time(row.InRegion.P50Us)} in region " +
                      $"({GainWording.PercentFaster(row.Origin.P50Us / row.InRegion.P50Us)})";
        var slow = row.InRegion.P95Us > 0
            ? $"; slow sessions (1 in 20): {Time(row.Origin.P95Us)} and {Time(row.InRegion.P95Us)} ({GainWording.PercentFaster(row.Origin.P95Us / row.InRegion.P95Us)})"
            : "";
        return $"{label}: {workload} {claim} ({GainWording.Likelihood(gain)}). {typical}{slow}.";
    }

    private static string Capitalize(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    // Seconds from one second up (one decimal), milliseconds below: "2.3 s", "480 ms".
    private static string Time(double microseconds)
    {
        var ms = microseconds / 1000;
        return Math.Round(ms) >= 1000
            ? (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : ms.ToString("0", CultureInfo.InvariantCulture) + " ms";
    }
}
