using HdrHistogram;
using Latency.Reports.Compare;
using Latency.Reports.Study;
using Latency.RunDirectory;

namespace Latency.Reports.Publish;

/// <summary>
/// What a run publishes to CloudWatch: for every row <c>latency compare</c> reads (<see cref="CompareRows"/>: a study's
/// probe x workload x deployment sessions; a plain run's iterations and steps), the latency as distributions, one set
/// per minute of the run stamped with that minute (so CloudWatch's per-minute percentiles follow the run and merge
/// across probes and agents), and per row its sample count and, where run.json has it, failed count for the run.
/// </summary>
public static class RunMetrics
{
    /// <summary>A study row's session time.</summary>
    public const string SessionTime = "SessionTime";

    /// <summary>A plain run's iteration or step latency.</summary>
    public const string Latency = "Latency";

    /// <summary>Successful sessions (or iterations) of a row over the run.</summary>
    public const string Samples = "Sessions";

    /// <summary>Failed sessions (or iterations) of a row over the run.</summary>
    public const string Failed = "FailedSessions";

    /// <summary>A study row's p50 gain (origin p50 / in-region p50), on the in-region row's dimensions.</summary>
    public const string GainP50 = "GainP50";

    /// <summary>The lower bound of <see cref="GainP50"/>'s 95% interval (the report's bootstrap).</summary>
    public const string GainP50Lower = "GainP50Lower";

    /// <summary>The upper bound of <see cref="GainP50"/>'s 95% interval.</summary>
    public const string GainP50Upper = "GainP50Upper";

    /// <summary>Every datum of <paramref name="run"/>, rows in <see cref="CompareRows"/>' order, minutes ascending.</summary>
    /// <param name="run">The run directory's data.</param>
    public static IReadOnlyList<MetricDatum> Of(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rows = CompareRows.Of(run);
        var dimensionsByRow = DimensionsOf(run, rows);
        var name = DistributionName(run);
        var data = new List<MetricDatum>();
        foreach (var row in rows)
        {
            var dimensions = dimensionsByRow[row.Tag];
            foreach (var (minute, histogram) in Minutes(run, row.Tag))
            {
                data.AddRange(DistributionCompressor.Compress(histogram)
                    .Select(d => new MetricDatum(name, dimensions, minute, "Milliseconds", Distribution: d)));
            }

            var runStart = run.Manifest?.StartedUtc ?? data.LastOrDefault()?.Timestamp ?? DateTimeOffset.UnixEpoch;
            data.Add(new MetricDatum(Samples, dimensions, runStart, "Count", run.Totals[row.Tag].TotalCount));
            if (FailedOf(run, row) is { } failed)
            {
                data.Add(new MetricDatum(Failed, dimensions, runStart, "Count", failed));
            }
        }

        if (run.Manifest?.Study is not null)
        {
            data.AddRange(Gains(run, dimensionsByRow));
        }

        return data;
    }

    /// <summary>
    /// Each study row's p50 gain with its interval, the numbers the report's first screen shows, as unitless gauges on
    /// the in-region row's dimensions (a gain is a ratio of two rows: it has no distribution to merge); rows whose
    /// gain cannot be judged (a side empty) send nothing rather than a NaN the service would refuse.
    /// </summary>
    private static IEnumerable<MetricDatum> Gains(RunData run, IReadOnlyDictionary<HistogramTag, IReadOnlyList<KeyValuePair<string, string>>> dimensionsByRow)
    {
        var runStart = run.Manifest?.StartedUtc ?? DateTimeOffset.UnixEpoch;
        foreach (var statistics in RowStatistics.From(StudySummary.From(run), run))
        {
            if (statistics.Row.InRegion is not { } inRegion || statistics.GainP50 is not { } gain
                || !dimensionsByRow.TryGetValue(inRegion.Tag, out var dimensions)
                || !double.IsFinite(gain.Gain) || !double.IsFinite(gain.Lower) || !double.IsFinite(gain.Upper))
            {
                continue;
            }

            yield return new MetricDatum(GainP50, dimensions, runStart, "None", gain.Gain);
            yield return new MetricDatum(GainP50Lower, dimensions, runStart, "None", gain.Lower);
            yield return new MetricDatum(GainP50Upper, dimensions, runStart, "None", gain.Upper);
        }
    }

    /// <summary>
    /// The dimensions each row of <paramref name="run"/> (<see cref="CompareRows"/>) is published with, by the row's
    /// histogram tag: what a dashboard widget must name exactly, or CloudWatch finds no metric to draw.
    /// </summary>
    /// <param name="run">The run directory's data.</param>
    public static IReadOnlyDictionary<HistogramTag, IReadOnlyList<KeyValuePair<string, string>>> DimensionsByRow(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return DimensionsOf(run, CompareRows.Of(run));
    }

    /// <summary>The name of the latency distributions of <paramref name="run"/>: <see cref="SessionTime"/> for a study, else <see cref="Latency"/>.</summary>
    /// <param name="run">The run directory's data.</param>
    public static string DistributionName(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Manifest?.Study is not null ? SessionTime : Latency;
    }

    private static Dictionary<HistogramTag, IReadOnlyList<KeyValuePair<string, string>>> DimensionsOf(RunData run, IReadOnlyList<CompareRow> rows)
    {
        var suite = run.Manifest?.Suite.Name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(run.Directory));
        var countries = run.Manifest?.Study is not null
            ? StudySummary.From(run).Rows.GroupBy(r => r.Probe).ToDictionary(g => g.Key, g => g.First().Country, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return rows.ToDictionary(r => r.Tag, r => Dimensions(suite, r, countries));
    }

    /// <summary>
    /// The row's interval histograms merged per minute (by each interval's end, floored to the minute), ascending;
    /// the run's total as one minute at its start when the run directory has no intervals for the row.
    /// </summary>
    private static IEnumerable<(DateTimeOffset Minute, HistogramBase Histogram)> Minutes(RunData run, HistogramTag tag)
    {
        if (!run.Intervals.TryGetValue(tag, out var intervals) || intervals.Count == 0)
        {
            yield return (run.Manifest?.StartedUtc ?? DateTimeOffset.UnixEpoch, run.Totals[tag]);
            yield break;
        }

        foreach (var minute in intervals.GroupBy(i => i.EndTimeStamp / 60_000 * 60_000).OrderBy(g => g.Key))
        {
            var first = minute.First();
            var histogram = new LongHistogram(first.LowestTrackableValue, first.HighestTrackableValue, first.SignificantDigits);
            foreach (var interval in minute)
            {
                interval.AddTo(histogram);
            }

            if (histogram.TotalCount > 0)
            {
                yield return (DateTimeOffset.FromUnixTimeMilliseconds(minute.Key), histogram);
            }
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Dimensions(string suite, CompareRow row, IReadOnlyDictionary<string, string> countries)
    {
        var dimensions = new List<KeyValuePair<string, string>> { new("Suite", suite) };
        if (row.Probe is not null)
        {
            if (countries.TryGetValue(row.Probe, out var country))
            {
                dimensions.Add(new("Country", country));
            }

            dimensions.Add(new("Probe", row.Probe));
            dimensions.Add(new("Deployment", row.Deployment!));
            dimensions.Add(new("Workload", row.Workload!));
        }
        else
        {
            dimensions.Add(new("Scenario", row.Scenario));
            if (row.Step is { } step)
            {
                dimensions.Add(new("Step", step));
            }
        }

        return dimensions;
    }

    /// <summary>Failed sessions of a study row, or failed iterations/requests of a plain row, from run.json.</summary>
    private static long? FailedOf(RunData run, CompareRow row)
    {
        var scenario = run.Manifest?.Scenarios.FirstOrDefault(s => s.Name == row.Scenario);
        if (scenario is null)
        {
            return null;
        }

        return row.Step is { } step ? scenario.Steps.FirstOrDefault(s => s.Name == step)?.Failed : scenario.Iterations.Failed;
    }
}
