using System.Text.Json;
using Latency.Reports.Publish;
using Latency.RunDirectory;
using Latency.Tests.Compare;
using Latency.Tests.Reports;

namespace Latency.Tests.Publish;

/// <summary>
/// The PutDashboard body for a run: widgets whose every metric is one the run publishes (name and dimensions exactly,
/// or CloudWatch draws nothing), p50 and p95 per minute, laid out in the 24-unit grid.
/// </summary>
public class DashboardBodyTests
{
    private const string Namespace = "Latency";
    private const string Region = "ap-south-1";

    [Fact]
    public async Task For_StudyRun_AWidgetPerCountryOfOriginAndInRegionP50AndP95()
    {
        using var directory = new TempDirectory();
        await StudySamples.WriteRunAsync(directory.Path, StudySamples.Study());
        var run = await RunDirectoryReader.ReadAsync(directory.Path);

        var widgets = Widgets(DashboardBody.For(run, Namespace, Region));

        Assert.Equal(["India — app cold start: origin vs in-region, p50 and p95", "Indonesia — app cold start: origin vs in-region, p50 and p95"],
            widgets.Select(w => w.GetProperty("properties").GetProperty("title").GetString()));
        var india = Metrics(widgets[0]);
        Assert.Equal(4, india.Count);
        Assert.Equal(["p50", "p95", "p50", "p95"], india.Select(m => m.Stat));
        Assert.Equal(["beijing", "beijing", "mumbai", "mumbai"], india.Select(m => m.Dimensions["Deployment"]));
        Assert.All(india, m => Assert.Equal("India", m.Dimensions["Country"]));
        Assert.All(india, m => Assert.Equal("app-cold-start", m.Dimensions["Workload"]));
        Assert.Contains("origin (beijing) p95", india.Select(m => m.Label));
        Assert.Equal(["beijing", "beijing", "jakarta", "jakarta"], Metrics(widgets[1]).Select(m => m.Dimensions["Deployment"]));
        AssertEveryMetricPublished(run, widgets);
    }

    [Fact]
    public async Task For_PlainRun_AWidgetPerScenarioOfItsIterationLatency()
    {
        using var directory = new TempDirectory();
        await CompareSamples.WritePlainAsync(directory.Path, seed: 1);
        var run = await RunDirectoryReader.ReadAsync(directory.Path);

        var widgets = Widgets(DashboardBody.For(run, Namespace, Region));

        var widget = Assert.Single(widgets);
        Assert.Equal("checkout — iteration latency, p50 and p95", widget.GetProperty("properties").GetProperty("title").GetString());
        var metrics = Metrics(widget);
        Assert.Equal(["p50", "p95"], metrics.Select(m => m.Stat));
        Assert.All(metrics, m => Assert.Equal(RunMetrics.Latency, m.Name));
        Assert.All(metrics, m => Assert.Equal(["Scenario", "Suite"], m.Dimensions.Keys.Order()));
        AssertEveryMetricPublished(run, widgets);
    }

    [Fact]
    public async Task For_AnyRun_TimeSeriesOfAMinuteInTheRegionOnTheGridOverTheRun()
    {
        using var directory = new TempDirectory();
        await StudySamples.WriteRunAsync(directory.Path, StudySamples.Study());
        var run = await RunDirectoryReader.ReadAsync(directory.Path);
        var body = JsonDocument.Parse(DashboardBody.For(run, Namespace, Region)).RootElement;

        Assert.Equal("inherit", body.GetProperty("periodOverride").GetString());
        var start = DateTimeOffset.Parse(body.GetProperty("start").GetString()!);
        var end = DateTimeOffset.Parse(body.GetProperty("end").GetString()!);
        Assert.Equal(0, start.Second);
        Assert.True(start <= run.Manifest!.StartedUtc && end >= run.Manifest.EndedUtc, $"{start:O}..{end:O}");
        var widgets = body.GetProperty("widgets").EnumerateArray().ToList();
        Assert.Equal(2, widgets.Count);
        foreach (var widget in widgets)
        {
            var properties = widget.GetProperty("properties");
            Assert.Equal("metric", widget.GetProperty("type").GetString());
            Assert.Equal("timeSeries", properties.GetProperty("view").GetString());
            Assert.Equal(60, properties.GetProperty("period").GetInt32());
            Assert.Equal(Region, properties.GetProperty("region").GetString());
            Assert.InRange(widget.GetProperty("x").GetInt32() + widget.GetProperty("width").GetInt32(), 1, 24);
        }

        var cells = widgets.Select(w => (X: w.GetProperty("x").GetInt32(), Y: w.GetProperty("y").GetInt32())).ToList();
        Assert.Equal([(0, 0), (12, 0)], cells);
    }

    [Fact]
    public async Task For_GridOfMoreWidgets_NoTwoOverlap()
    {
        using var directory = new TempDirectory();
        await CompareSamples.WriteRunAsync(directory.Path, "shop", null, new Dictionary<string, long[]>
        {
            ["a/-/corrected"] = [1_000, 2_000],
            ["b/-/corrected"] = [1_000, 2_000],
            ["c/-/corrected"] = [1_000, 2_000],
        });
        var run = await RunDirectoryReader.ReadAsync(directory.Path);

        var widgets = Widgets(DashboardBody.For(run, Namespace, Region));

        Assert.Equal(3, widgets.Count);
        var boxes = widgets.Select(w => (X: w.GetProperty("x").GetInt32(), Y: w.GetProperty("y").GetInt32(),
            W: w.GetProperty("width").GetInt32(), H: w.GetProperty("height").GetInt32())).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                Assert.False(a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H, $"{a} overlaps {b}");
            }
        }

        Assert.Equal(6, boxes[2].Y); // the third starts the second row
        AssertEveryMetricPublished(run, widgets);
    }

    /// <summary>
    /// Each widget metric's namespace, name and dimensions are those of a metric <see cref="RunMetrics.Of"/> publishes
    /// (dimensions compared as name/value sets: CloudWatch does not care for their order, but for every one of them).
    /// </summary>
    private static void AssertEveryMetricPublished(RunData run, IReadOnlyList<JsonElement> widgets)
    {
        var published = RunMetrics.Of(run).Select(d => Identity(d.MetricName, d.Dimensions.ToDictionary())).ToHashSet();
        var metrics = widgets.SelectMany(w => Metrics(w)).ToList();
        Assert.NotEmpty(metrics);
        foreach (var metric in metrics)
        {
            Assert.Equal(Namespace, metric.Namespace);
            Assert.Contains(Identity(metric.Name, metric.Dimensions), published);
        }
    }

    private static string Identity(string name, IReadOnlyDictionary<string, string> dimensions) =>
        name + "|" + string.Join("|", dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value));

    private static List<JsonElement> Widgets(string body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        return [.. root.GetProperty("widgets").EnumerateArray()];
    }

    /// <summary>A metric widget's metrics: <c>[namespace, name, dimension name, value, ..., { rendering }]</c>.</summary>
    private static List<(string Namespace, string Name, Dictionary<string, string> Dimensions, string Stat, string Label)> Metrics(JsonElement widget)
    {
        var metrics = new List<(string, string, Dictionary<string, string>, string, string)>();
        foreach (var metric in widget.GetProperty("properties").GetProperty("metrics").EnumerateArray())
        {
            var items = metric.EnumerateArray().ToList();
            var rendering = items[^1];
            Assert.Equal(JsonValueKind.Object, rendering.ValueKind);
            var pairs = items[2..^1].Select(i => i.GetString()!).ToList();
            Assert.Equal(0, pairs.Count % 2);
            var dimensions = pairs.Chunk(2).ToDictionary(p => p[0], p => p[1]);
            metrics.Add((items[0].GetString()!, items[1].GetString()!, dimensions,
                rendering.GetProperty("stat").GetString()!, rendering.GetProperty("label").GetString()!));
        }

        return metrics;
    }
}
