using System.Globalization;
using Latency.Reports.Charts;

namespace Latency.Reports.Study;

/// <summary>
/// The first screen's country x workload grid (issue 11): countries as rows, the one with the largest gain for the main
/// workload first; workloads as columns in a fixed order (the main workload, then the others by label), so tonight's
/// grid reads like last night's; each cell the median-session gain and its 95% interval as text, filled on
/// <see cref="GainScale"/>. Cells the verdict does not call faster or slower are grey and say why in words.
/// </summary>
public sealed record GainGrid
{
    /// <summary>A p50-gain interval wider than this share of the gain either side marks a cell low confidence.</summary>
    public const double LowConfidenceHalfWidth = 0.5;

    /// <summary>Workload names, in column order.</summary>
    public required IReadOnlyList<string> Workloads { get; init; }

    /// <summary>The rows, in order.</summary>
    public required IReadOnlyList<GainGridRow> Rows { get; init; }

    /// <summary>The colour classes the cells use, for the legend.</summary>
    public required IReadOnlyList<GainClass> Legend { get; init; }

    /// <summary>The grid of <paramref name="statistics"/>; null when no row has an in-region side.</summary>
    /// <param name="statistics">The study's rows with their statistics.</param>
    /// <param name="mainWorkload">The workload the first column and the row order follow; null: the first by label.</param>
    public static GainGrid? From(IReadOnlyList<RowStatistics> statistics, string? mainWorkload)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var compared = statistics.Where(s => s.Row.InRegion is not null).ToList();
        if (compared.Count == 0)
        {
            return null;
        }

        var others = compared.Select(s => s.Row.Workload).Distinct(StringComparer.Ordinal).Where(w => w != mainWorkload)
            .OrderBy(WorkloadLabel.Of, StringComparer.Ordinal).ToList();
        var workloads = compared.Any(s => s.Row.Workload == mainWorkload) ? others.Prepend(mainWorkload!).ToList() : others;
        var probes = compared.GroupBy(s => s.Row.Probe, StringComparer.Ordinal).ToList();
        var countries = probes.GroupBy(g => g.First().Row.Country, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        // Largest main-workload gain first among the comparisons the verdict could judge; then those with too few
        // sessions (a 10x from 3 sessions must not top the grid), then errors and probes without the main workload.
        var rows = probes
            .Select(g => (Group: g, Main: g.FirstOrDefault(s => s.Row.Workload == workloads[0])))
            .OrderBy(p => p.Main?.Verdict switch
            {
                StudyVerdict.Faster or StudyVerdict.Slower or StudyVerdict.NoDifference => 0,
                StudyVerdict.TooFewSamples => 1,
                _ => 2,
            })
            .ThenByDescending(p => p.Main?.Row.GainP50 ?? double.NegativeInfinity)
            .ThenBy(p => p.Group.Key, StringComparer.Ordinal)
            .Select(p => p.Group)
            .Select(g =>
            {
                var first = g.First().Row;
                var label = countries[first.Country] > 1 ? first.Place : first.Country;
                var cells = workloads.Select(w => g.FirstOrDefault(s => s.Row.Workload == w) is { } s ? Cell(s) : null).ToList();
                return new GainGridRow(g.Key, label, cells);
            })
            .ToList();
        return new GainGrid
        {
            Workloads = workloads,
            Rows = rows,
            Legend = GainScale.Used(compared.Select(s => (s.Verdict, s.Row.GainP50))),
        };
    }

    /// <summary>The cell of one comparison.</summary>
    public static GainGridCell Cell(RowStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var gain = statistics.Row.GainP50;
        var (fill, text) = GainScale.Colours(statistics.Verdict, gain);
        var interval = statistics.GainP50 is { } g && double.IsFinite(g.Lower) && double.IsFinite(g.Upper)
            ? string.Create(CultureInfo.InvariantCulture, $"{GainScale.Format(g.Lower)[..^1]}-{GainScale.Format(g.Upper)}")
            : null;
        var (value, detail) = statistics.Verdict switch
        {
            StudyVerdict.Faster or StudyVerdict.Slower => (GainScale.Format(gain!.Value), interval ?? "-"),
            StudyVerdict.NoDifference => (gain is { } x ? GainScale.Format(x) : "-", "no clear difference"),
            StudyVerdict.Errors => ("errors", StudyVerdict.Percent(Math.Max(statistics.Row.Origin.FailureRate ?? 0, statistics.Row.InRegion?.FailureRate ?? 0)) + " failed"),
            _ => (gain is { } y ? GainScale.Format(y) : "-", "too few sessions"),
        };
        return new GainGridCell
        {
            Verdict = statistics.Verdict,
            Gain = gain,
            Value = value,
            Detail = detail,
            Fill = fill,
            TextColour = text,
            LowConfidence = statistics.Verdict == StudyVerdict.TooFewSamples || statistics.HalfWidth is > LowConfidenceHalfWidth,
        };
    }
}
