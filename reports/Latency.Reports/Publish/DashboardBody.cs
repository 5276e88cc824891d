using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Latency.Reports.Compare;
using Latency.Reports.Study;
using Latency.RunDirectory;
// A widget before it is written: its title and per series a label and the row's published dimensions (an alias of a
// tuple, not a type: nothing outside this file sees it).
using Widget = (string Title,
    System.Collections.Generic.List<(string Label,
        System.Collections.Generic.IReadOnlyList<System.Collections.Generic.KeyValuePair<string, string>> Dimensions)> Series);

namespace Latency.Reports.Publish;

/// <summary>
/// The <c>DashboardBody</c> of CloudWatch's PutDashboard for a run's metrics: time-series <c>metric</c> widgets of the
/// p50 and p95 per minute (<see cref="Period"/>), two to a row of the dashboard's 24-unit grid. A study run gets one
/// widget per country: its main workload's <see cref="RunMetrics.SessionTime"/> on the origin and on the in-region
/// deployment; a plain run one widget per scenario: its iteration <see cref="RunMetrics.Latency"/>.
/// </summary>
/// <remarks>
/// <para>Every metric names exactly the dimensions <see cref="RunMetrics"/> publishes its row with
/// (<see cref="RunMetrics.DimensionsByRow"/>): CloudWatch matches a widget's metric by all its dimensions, and one
/// missing or extra shows an empty graph.</para>
/// <para>The main workload is the study report's (<see cref="StudySummary.MainWorkload"/>: app-cold-start when
/// recorded, else the first by name); origin and in-region are the study summary's per probe (run.json's comparison,
/// else derived from the tags). When the run has start and end times the dashboard opens on them, and
/// <c>periodOverride: inherit</c> keeps the one-minute period whatever the time range.</para>
/// </remarks>
public static class DashboardBody
{
    /// <summary>Seconds per point: the minute <see cref="RunMetrics"/> stamps its distributions with.</summary>
    public const int Period = 60;

    /// <summary>A widget's width in grid units (of 24: two widgets a row).</summary>
    public const int WidgetWidth = 12;

    /// <summary>A widget's height in grid units.</summary>
    public const int WidgetHeight = 6;

    /// <summary>The statistics each widget draws per metric.</summary>
    public static readonly IReadOnlyList<string> Statistics = ["p50", "p95"];

    /// <summary>The dashboard body (JSON) for <paramref name="run"/>'s metrics as published in <paramref name="metricNamespace"/>.</summary>
    /// <param name="run">The run directory's data.</param>
    /// <param name="metricNamespace">The CloudWatch namespace the metrics are published in, e.g. <c>Latency</c>.</param>
    /// <param name="region">The AWS region they are published to, e.g. <c>ap-south-1</c> (a metric widget requires one).</param>
    /// <param name="workload">A study's workload to chart; null for the study's main workload. Ignored for a plain run.</param>
    public static string For(RunData run, string metricNamespace, string region, string? workload = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(metricNamespace);
        ArgumentException.ThrowIfNullOrEmpty(region);
        var dimensions = RunMetrics.DimensionsByRow(run);
        var widgets = run.Manifest?.Study is not null ? StudyWidgets(run, dimensions, workload) : PlainWidgets(run, dimensions);
        var metricName = RunMetrics.DistributionName(run);

        using var stream = new MemoryStream();
        // Relaxed escaping: titles keep their dashes and accents readable; the body is JSON in a JSON string, not HTML.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (run.Manifest is { } manifest && manifest.EndedUtc > manifest.StartedUtc)
            {
                json.WriteString("start", IsoMinute(manifest.StartedUtc, ceiling: false));
                json.WriteString("end", IsoMinute(manifest.EndedUtc, ceiling: true));
            }

            json.WriteString("periodOverride", "inherit");
            json.WriteStartArray("widgets");
            for (var i = 0; i < widgets.Count; i++)
            {
                WriteWidget(json, widgets[i], i, metricNamespace, metricName, region);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Per country (in study order), its probes' main-workload rows: origin and in-region, each where published.</summary>
    private static List<Widget> StudyWidgets(
        RunData run, IReadOnlyDictionary<HistogramTag, IReadOnlyList<KeyValuePair<string, string>>> dimensions, string? workload)
    {
        var summary = StudySummary.From(run);
        workload ??= summary.MainWorkload;
        var widgets = new List<Widget>();
        foreach (var country in summary.Rows.Where(r => r.Workload == workload).GroupBy(r => r.Country, StringComparer.Ordinal))
        {
            var probes = country.ToList();
            var series = new List<(string, IReadOnlyList<KeyValuePair<string, string>>)>();
            foreach (var row in probes)
            {
                // A country with several probes names each; with one, the country in the title says where.
                var prefix = probes.Count > 1 ? row.Probe + ": " : "";
                if (dimensions.TryGetValue(row.Origin.Tag, out var origin))
                {
                    series.Add(($"{prefix}origin ({row.Origin.Deployment})", origin));
                }

                if (row.InRegion is { } inRegion && dimensions.TryGetValue(inRegion.Tag, out var near))
                {
                    series.Add(($"{prefix}in-region ({inRegion.Deployment})", near));
                }
            }

            if (series.Count > 0)
            {
                widgets.Add(($"{country.Key} — {WorkloadLabel.InSentence(workload!)}: origin vs in-region, p50 and p95", series));
            }
        }

        return widgets;
    }

    /// <summary>Per scenario (by name) its iteration row; a scenario recorded only as steps has no widget.</summary>
    private static List<Widget> PlainWidgets(
        RunData run, IReadOnlyDictionary<HistogramTag, IReadOnlyList<KeyValuePair<string, string>>> dimensions) =>
        [.. CompareRows.Of(run).Where(r => r.Step is null).Select(r => (
            $"{r.Scenario} — iteration latency, p50 and p95",
            new List<(string Label, IReadOnlyList<KeyValuePair<string, string>> Dimensions)> { (r.Scenario, dimensions[r.Tag]) }))];

    private static void WriteWidget(Utf8JsonWriter json,
        Widget widget,
        int index, string metricNamespace, string metricName, string region)
    {
        json.WriteStartObject();
        json.WriteString("type", "metric");
        json.WriteNumber("x", index % 2 * WidgetWidth);
        json.WriteNumber("y", index / 2 * WidgetHeight);
        json.WriteNumber("width", WidgetWidth);
        json.WriteNumber("height", WidgetHeight);
        json.WriteStartObject("properties");
        json.WriteString("title", widget.Title);
        json.WriteString("view", "timeSeries");
        json.WriteBoolean("stacked", false);
        json.WriteString("region", region);
        json.WriteNumber("period", Period);
        json.WriteStartArray("metrics");
        foreach (var (label, dimensions) in widget.Series)
        {
            foreach (var stat in Statistics)
            {
                // [namespace, metric name, dimension name, value, ..., rendering properties]: the metrics array format.
                json.WriteStartArray();
                json.WriteStringValue(metricNamespace);
                json.WriteStringValue(metricName);
                foreach (var (name, value) in dimensions)
                {
                    json.WriteStringValue(name);
                    json.WriteStringValue(value);
                }

                json.WriteStartObject();
                json.WriteString("stat", stat);
                json.WriteString("label", $"{label} {stat}");
                json.WriteEndObject();
                json.WriteEndArray();
            }
        }

        json.WriteEndArray();
        json.WriteStartObject("yAxis");
        json.WriteStartObject("left");
        json.WriteString("label", "ms");
        json.WriteNumber("min", 0);
        json.WriteBoolean("showUnits", false);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>ISO 8601 UTC at a whole minute (floored for the start, ceilinged for the end), as the body's absolute times.</summary>
    private static string IsoMinute(DateTimeOffset time, bool ceiling)
    {
        var ticks = time.UtcTicks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute;
        if (ceiling && ticks < time.UtcTicks)
        {
            ticks += TimeSpan.TicksPerMinute;
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
