using HdrHistogram;
using Latency.Reports.Charts;
using Latency.RunDirectory;

namespace Latency.Tests.Reports;

public class HeatmapChartTests
{
    private static readonly HeatmapCell[] Cells =
    [
        new("mumbai", "beijing", 150, 250), new("mumbai", "mumbai", 60, 125),
        new("jakarta", "beijing", 180, 300), new("jakarta", "jakarta", 45, 90),
    ];

    [Fact]
    public void Render_TwoChartsP50AndP95_ValidPngAndSvgWithLabelsAndValues()
    {
        var charts = HeatmapChart.Render(Cells, "app-cold-start");

        Assert.Equal(["heatmap-app-cold-start-p50", "heatmap-app-cold-start-p95"], charts.Select(c => c.Name));
        Assert.Equal("App cold start: p50 session time per country and deployment", charts[0].Title);
        foreach (var chart in charts)
        {
            ChartAssert.ValidImages(chart);
            Assert.Contains("Deployment", chart.Svg);
            Assert.Contains("Country (probe)", chart.Svg);
            Assert.Contains("session time (ms)", chart.Svg);
            Assert.Contains("jakarta", chart.Svg);
        }

        Assert.Contains("150 ms", charts[0].Svg);
        Assert.Contains("45.0 ms", charts[0].Svg);
        Assert.Contains("p50 session time (ms)", charts[0].Svg);
        Assert.Contains("250 ms", charts[1].Svg);
        Assert.Contains("90.0 ms", charts[1].Svg);
        Assert.Contains("p95 session time (ms)", charts[1].Svg);
    }

    [Fact]
    public void Render_NoCells_StillRenders()
    {
        var chart = HeatmapChart.Render([], "app-cold-start", HeatmapChart.Quantile.P50);

        Assert.Contains("no sessions recorded", chart.Svg);
    }

    [Fact]
    public void From_SessionHistograms_QuantilesInMsOriginFirstOtherTagsIgnored()
    {
        var run = RunOf(StudySamples.Sessions());

        var cells = HeatmapChart.From(run, "app-cold-start");

        // No study section: probes by name, beijing (the default origin) first.
        Assert.Equal(
        [
            new HeatmapCell("jakarta", "beijing", 180, 300), new HeatmapCell("jakarta", "jakarta", 45, 90),
            new HeatmapCell("mumbai", "beijing", 150, 250), new HeatmapCell("mumbai", "mumbai", 60, 125),
        ], cells, new CellComparer());
        Assert.Empty(HeatmapChart.From(run, "photo-backup"));
    }

    [Fact]
    public void From_StudySection_ProbesInStudyOrder()
    {
        var run = RunOf(StudySamples.Sessions()) with { Manifest = ManifestSamples.Partial() with { Study = StudySamples.Study() } };

        var cells = HeatmapChart.From(run, "app-cold-start");

        Assert.Equal(["mumbai", "mumbai", "jakarta", "jakarta"], cells.Select(c => c.Probe));
    }

    [Fact]
    public void From_StudySection_RowsLabelledWithCountryAndCity()
    {
        var run = RunOf(StudySamples.Sessions()) with { Manifest = ManifestSamples.Partial() with { Study = StudySamples.Study() } };

        var cells = HeatmapChart.From(run, "app-cold-start");
        var chart = HeatmapChart.Render(cells, "app-cold-start", HeatmapChart.Quantile.P50);

        Assert.Equal(["India\nMumbai", "Indonesia\nJakarta"], cells.Select(c => c.Place).Distinct());
        Assert.Contains("India", chart.Svg);
        Assert.Contains("Jakarta", chart.Svg);
    }

    internal static RunData RunOf(Dictionary<string, long[]> sessions) => new()
    {
        Directory = "/nowhere",
        Totals = sessions.ToDictionary(
            e => HistogramTag.TryParse(e.Key, out var tag) ? tag : throw new ArgumentException(e.Key),
            e => (HistogramBase)StudySamples.Histogram(e.Value)),
    };

    /// <summary>Equal within HdrHistogram's 3 significant digits.</summary>
    private sealed class CellComparer : IEqualityComparer<HeatmapCell>
    {
        public bool Equals(HeatmapCell? x, HeatmapCell? y) =>
            x is not null && y is not null && x.Probe == y.Probe && x.Deployment == y.Deployment &&
            Math.Abs(x.P50Ms - y.P50Ms) <= y.P50Ms * 0.001 && Math.Abs(x.P95Ms - y.P95Ms) <= y.P95Ms * 0.001;

        public int GetHashCode(HeatmapCell obj) => HashCode.Combine(obj.Probe, obj.Deployment);
    }
}
