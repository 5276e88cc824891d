using HdrHistogram;
using Latency.Reports.Charts;
using Latency.RunDirectory;

namespace Latency.Tests.Reports;

public class LatencyOverTimeChartTests
{
    [Fact]
    public void Render_TwoDeployments_ValidPngAndSvgWithLabels()
    {
        LatencyOverTimeSeries[] series =
        [
            new("beijing (origin)", Windows(150, 250), ChartStyle.Origin),
            new("mumbai (in region)", Windows(60, 125), ChartStyle.InRegion),
        ];

        var chart = LatencyOverTimeChart.Render(series, "India (Mumbai)", "mumbai", "app-cold-start");

        Assert.Equal("over-time-mumbai-app-cold-start", chart.Name);
        ChartAssert.ValidImages(chart);
        Assert.Contains("Time since run start (s)", chart.Svg);
        Assert.Contains("Session time (ms)", chart.Svg);
        Assert.Contains("beijing (origin) p50", chart.Svg);
        Assert.Contains("mumbai (in region) p95", chart.Svg);
    }

    [Fact]
    public void Render_NoSeries_StillRenders()
    {
        var chart = LatencyOverTimeChart.Render([], "India (Mumbai)", "mumbai", "app-cold-start");

        Assert.Contains("no sessions recorded", chart.Svg);
    }

    [Fact]
    public void From_OneSecondIntervals_MergedIntoWindowsFromTheRunStart()
    {
        const string beijing = "mumbai.app-cold-start/beijing/uncorrected";
        const string mumbai = "mumbai.app-cold-start/mumbai/uncorrected";
        var intervals = new Dictionary<HistogramTag, IReadOnlyList<IntervalHistogram>>
        {
            // Seconds 0-9 and 10-19 of the run: window 0 is 100 ms all along, window 1 half 200 ms, half 300 ms.
            [Parse(beijing)] = Enumerable.Range(0, 10).Select(s => IntervalHistogram.From(HistogramSamples.Interval(beijing, s, 100_000, 100_000)))
                .Concat(Enumerable.Range(10, 10).Select(s => IntervalHistogram.From(HistogramSamples.Interval(beijing, s, s < 15 ? 200_000 : 300_000))))
                .ToList(),
            // Starts later (second 12): its only window is the run's second one; its empty interval is skipped.
            [Parse(mumbai)] = [IntervalHistogram.From(HistogramSamples.Interval(mumbai, 12, 40_000, 50_000, 60_000)), IntervalHistogram.From(HistogramSamples.Interval(mumbai, 25))],
            // Another probe's session and a request: not part of the chart, but the first interval starts the run.
            [Parse("jakarta.app-cold-start/beijing/uncorrected")] = [IntervalHistogram.From(HistogramSamples.Interval("jakarta.app-cold-start/beijing/uncorrected", 0, 1))],
            [Parse("mumbai.app-cold-start/mumbai.config/uncorrected")] = [IntervalHistogram.From(HistogramSamples.Interval("mumbai.app-cold-start/mumbai.config/uncorrected", 0, 1))],
        };
        var run = new RunData { Directory = "/nowhere", Intervals = intervals };

        var series = LatencyOverTimeChart.From(run, "mumbai", "app-cold-start");

        Assert.Equal(["beijing (origin)", "mumbai (in region)"], series.Select(s => s.Label));
        Assert.Equal([ChartStyle.Origin, ChartStyle.InRegion], series.Select(s => s.Color));
        var b = series[0].Windows;
        Assert.Equal(2, b.Count);
        Assert.Equal((0.0, 10.0, 20L), (b[0].StartSeconds, b[0].EndSeconds, b[0].Count));
        Assert.Equal((10.0, 20.0, 10L), (b[1].StartSeconds, b[1].EndSeconds, b[1].Count));
        Assert.Equal(100, b[0].P50Ms, 0.1);
        Assert.Equal(100, b[0].P95Ms, 0.1);
        Assert.Equal(200, b[1].P50Ms, 0.2);
        Assert.Equal(300, b[1].P95Ms, 0.3);
        var m = Assert.Single(series[1].Windows);
        Assert.Equal((10.0, 3L), (m.StartSeconds, m.Count));
        Assert.Equal(50, m.P50Ms, 0.05);
        Assert.Equal(60, m.P95Ms, 0.06);

        var perSecond = LatencyOverTimeChart.From(run, "mumbai", "app-cold-start", TimeSpan.FromSeconds(1));
        Assert.Equal(20, perSecond[0].Windows.Count);
        Assert.Equal((12.0, 13.0), (perSecond[1].Windows[0].StartSeconds, perSecond[1].Windows[0].EndSeconds));
    }

    [Fact]
    public void From_NoIntervals_Empty()
    {
        Assert.Empty(LatencyOverTimeChart.From(new RunData { Directory = "/nowhere" }, "mumbai", "app-cold-start"));
    }

    private static HistogramTag Parse(string tag) => HistogramTag.TryParse(tag, out var parsed) ? parsed : throw new ArgumentException(tag);

    private static LatencyWindow[] Windows(double p50, double p95) =>
        Enumerable.Range(0, 12).Select(i => new LatencyWindow(i * 10, i * 10 + 10, 50, p50 * (1 + 0.1 * Math.Sin(i)), p95 * (1 + 0.15 * Math.Cos(i)))).ToArray();
}
