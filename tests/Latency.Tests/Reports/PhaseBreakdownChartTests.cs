using HdrHistogram;
using Latency.Reports.Charts;
using Latency.Reports.RunDirectory;

namespace Latency.Tests.Reports;

public class PhaseBreakdownChartTests
{
    [Fact]
    public void Render_StackedBars_ValidPngAndSvgWithLabelsAndTotals()
    {
        PhaseBar[] bars = [new("beijing", 12, 95, 190, 110, 40), new("mumbai", 4, 20, 41, 25, 12)];

        var chart = PhaseBreakdownChart.Render(bars, "India (Mumbai)", "mumbai", "app-cold-start");

        Assert.Equal("phases-mumbai-app-cold-start", chart.Name);
        ChartAssert.ValidImages(chart);
        Assert.Contains("Deployment", chart.Svg);
        Assert.Contains("Median time per session, by phase (ms)", chart.Svg);
        foreach (var label in new[] { "DNS", "Connect", "TLS", "TTFB", "Transfer", "beijing", "mumbai" })
        {
            Assert.Contains(label, chart.Svg);
        }

        Assert.Contains("447 ms", chart.Svg);
        Assert.Contains("102 ms", chart.Svg);
    }

    [Fact]
    public void From_RequestPhases_SumsPerRequestMediansPerDeployment()
    {
        var totals = new Dictionary<HistogramTag, HistogramBase>
        {
            // Two requests on beijing: config (TLS in all 10 runs) and feed (TLS in 3 of 10: median 0).
            [Tag("beijing.config", "uncorrected")] = Values(10, 400_000),
            [Tag("beijing.config", "dns")] = Values(10, 10_000),
            [Tag("beijing.config", "connect")] = Values(10, 100_000),
            [Tag("beijing.config", "tls")] = Values(10, 200_000),
            [Tag("beijing.config", "ttfb")] = Values(10, 90_000),
            [Tag("beijing.config", "transfer")] = Values(10, 5_000),
            [Tag("beijing.feed", "uncorrected")] = Values(10, 300_000),
            [Tag("beijing.feed", "tls")] = Values(3, 200_000),
            [Tag("beijing.feed", "ttfb")] = Values(10, 100_000),
            [Tag("beijing.feed", "transfer")] = Values(10, 40_000),
            // TLS in 8 of 10 mumbai runs: the median over all 10 is a handshake; ttfb half 20 ms, half 30 ms.
            [Tag("mumbai.config", "uncorrected")] = Values(10, 90_000),
            [Tag("mumbai.config", "tls")] = Values(8, 40_000),
            [Tag("mumbai.config", "ttfb")] = Merge(Values(5, 20_000), Values(5, 30_000)),
            // Not phases of a request: session, iteration, another probe.
            [Tag("mumbai", "uncorrected")] = Values(10, 500_000),
            [new HistogramTag("mumbai.app-cold-start", "-", "uncorrected")] = Values(10, 500_000),
            [new HistogramTag("jakarta.app-cold-start", "jakarta.config", "tls")] = Values(10, 1_000_000),
        };
        var run = new RunData { Directory = "/nowhere", Totals = totals };

        var bars = PhaseBreakdownChart.From(run, "mumbai", "app-cold-start");

        Assert.Equal(["beijing", "mumbai"], bars.Select(b => b.Deployment));
        Near(new PhaseBar("beijing", 10, 100, 200, 190, 45), bars[0]);
        Near(new PhaseBar("mumbai", 0, 0, 40, 20, 0), bars[1]);
        Assert.Empty(PhaseBreakdownChart.From(run, "mumbai", "photo-backup"));
    }

    [Theory]
    [InlineData(10, 10, 100_000)]
    [InlineData(4, 10, 0)]
    [InlineData(5, 10, 0)]
    [InlineData(6, 10, 100_000)]
    [InlineData(10, 5, 100_000)]
    public void MedianWithSkipped_SkippedRunsCountAsZero(int recorded, int requests, double expectedUs)
    {
        Assert.Equal(expectedUs, PhaseBreakdownChart.MedianWithSkipped(Values(recorded, 100_000), requests), 0.001 * Math.Max(1, expectedUs));
    }

    private static HistogramTag Tag(string step, string kind) => new("mumbai.app-cold-start", step, kind);

    private static HistogramBase Values(int count, long valueUs) => StudySamples.Histogram(Enumerable.Repeat(valueUs, count).ToArray());

    private static HistogramBase Merge(HistogramBase a, HistogramBase b)
    {
        a.Add(b);
        return a;
    }

    private static void Near(PhaseBar expected, PhaseBar actual)
    {
        Assert.Equal(expected.Deployment, actual.Deployment);
        var pairs = expected.Phases.Zip(actual.Phases);
        foreach (var ((phase, e), (_, a)) in pairs)
        {
            Assert.True(Math.Abs(e - a) <= Math.Max(0.001, e * 0.001), $"{expected.Deployment} {phase}: expected {e} ms, got {a} ms");
        }
    }
}
