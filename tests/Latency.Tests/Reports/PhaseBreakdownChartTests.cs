using HdrHistogram;
using Latency.Reports.Charts;
using Latency.RunDirectory;

namespace Latency.Tests.Reports;

public class PhaseBreakdownChartTests
{
    [Fact]
    public void Render_StackedBars_ValidPngAndSvgWithLabelsAndTotals()
    {
        PhaseBar[] bars = [new("beijing", 12, 95, 190, 110, 40, 0, 10), new("mumbai", 4, 20, 41, 25, 12, 0, 5)];

        var chart = PhaseBreakdownChart.Render(bars, "India (Mumbai)", "mumbai", "app-cold-start");

        Assert.Equal("phases-mumbai-app-cold-start", chart.Name);
        ChartAssert.ValidImages(chart);
        Assert.Contains("Deployment", chart.Svg);
        Assert.Contains("Mean session time, split along the critical path (ms)", chart.Svg);
        foreach (var label in new[] { "DNS", "Connect", "TLS", "TTFB", "Transfer", "Think", "Other", "beijing", "mumbai" })
        {
            Assert.Contains(label, chart.Svg);
        }

        Assert.Contains("mean 457 ms", chart.Svg);
        Assert.Contains("mean 107 ms", chart.Svg);
        Assert.Contains("mean session time", chart.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithRadio_RadioPartInLegendAndTotals_WithoutRadio_NoRadioPart()
    {
        PhaseBar[] radio = [new("beijing", 0, 95, 190, 110, 40, 0, 10, RadioMs: 260), new("mumbai", 0, 20, 41, 25, 12, 0, 5, RadioMs: 255)];
        PhaseBar[] none = [new("beijing", 0, 95, 190, 110, 40, 0, 10)];

        var with = PhaseBreakdownChart.Render(radio, "India (Mumbai)", "mumbai", "app-cold-start");
        var without = PhaseBreakdownChart.Render(none, "India (Mumbai)", "mumbai", "app-cold-start");

        Assert.Contains("Radio", with.Svg);
        Assert.Contains("mean 705 ms", with.Svg);
        Assert.Contains("waiting for the handset's radio", with.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Radio", without.Svg);
        Assert.DoesNotContain("radio", without.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void From_RadioRecorded_MeanRadioPerSession()
    {
        var totals = new Dictionary<HistogramTag, HistogramBase>
        {
            [Tag("beijing", "uncorrected")] = Values(400_000, 400_000),
            [Tag("beijing", "connect")] = Values(20_000, 20_000),
            [Tag("beijing", "radio")] = Values(260_000, 0),
            [Tag("beijing", "ttfb")] = Values(110_000, 370_000),
            [Tag("beijing", "other")] = Values(10_000, 10_000),
        };

        var bar = Assert.Single(PhaseBreakdownChart.From(new RunData { Directory = "/nowhere", Totals = totals }, "mumbai", "app-cold-start"));

        Assert.Equal(130, bar.RadioMs, 0.2);
        Assert.Equal(400, bar.TotalMs, 0.5);
    }

    /// <remarks>
    /// Issue 10, point 7: the bars summed per-request medians, so parallel requests counted several times and a bar
    /// stood far above the session time. Each bar is now the mean of the sessions' critical-path splits, which add
    /// up to the mean session time of the same run.
    /// </remarks>
    [Fact]
    public async Task From_SyntheticStudyRun_EachBarTotalsTheMeanSessionTime()
    {
        using var directory = new TempDirectory();
        await StudySamples.WriteRunAsync(directory.Path, StudySamples.Study());
        var run = await RunDirectoryReader.ReadAsync(directory.Path);

        var bars = PhaseBreakdownChart.From(run, "mumbai", "app-cold-start");

        Assert.Equal(["beijing", "mumbai"], bars.Select(b => b.Deployment));
        foreach (var (bar, sessions) in bars.Zip([StudySamples.MumbaiBeijing(), StudySamples.MumbaiMumbai()]))
        {
            var histogramMeanMs = run.Totals[new HistogramTag("mumbai.app-cold-start", bar.Deployment, HistogramTag.Uncorrected)].GetMean() / 1000;
            var exactMeanMs = sessions.Average() / 1000;
            // Both within HdrHistogram's 3 significant digits of the sessions' own mean.
            Assert.InRange(bar.TotalMs, histogramMeanMs * 0.999, histogramMeanMs * 1.001);
            Assert.InRange(bar.TotalMs, exactMeanMs * 0.999, exactMeanMs * 1.001);
            Assert.InRange(bar.TtfbMs, exactMeanMs * 0.5 * 0.999, exactMeanMs * 0.5 * 1.001);
            Assert.Equal(0, bar.ThinkMs);
        }
    }

    [Fact]
    public void From_SessionSplits_MeanPerKindOverTheSessionsIgnoringRequestsAndOldRuns()
    {
        var totals = new Dictionary<HistogramTag, HistogramBase>
        {
            // Four beijing sessions of 100, 100, 200 and 200 ms: TLS in two of them, think time in all.
            [Tag("beijing", "uncorrected")] = Values(100_000, 100_000, 200_000, 200_000),
            [Tag("beijing", "dns")] = Values(0, 0, 0, 0),
            [Tag("beijing", "connect")] = Values(0, 0, 20_000, 20_000),
            [Tag("beijing", "tls")] = Values(0, 0, 40_000, 40_000),
            [Tag("beijing", "ttfb")] = Values(60_000, 60_000, 100_000, 100_000),
            [Tag("beijing", "transfer")] = Values(10_000, 10_000, 10_000, 10_000),
            [Tag("beijing", "think")] = Values(20_000, 20_000, 20_000, 20_000),
            [Tag("beijing", "other")] = Values(10_000, 10_000, 10_000, 10_000),
            // A run from before the split: the session step held its last request's phases, and no "other".
            [Tag("mumbai", "uncorrected")] = Values(50_000),
            [Tag("mumbai", "ttfb")] = Values(20_000),
            // Requests' own phases and other probes are not sessions of this one.
            [Tag("beijing.config", "ttfb")] = Values(1_000_000),
            [Tag("beijing.config", "other")] = Values(1_000_000),
            [new HistogramTag("jakarta.app-cold-start", "beijing", "other")] = Values(1_000_000),
        };
        var run = new RunData { Directory = "/nowhere", Totals = totals };

        var bars = PhaseBreakdownChart.From(run, "mumbai", "app-cold-start");

        var bar = Assert.Single(bars);
        Assert.Equal("beijing", bar.Deployment);
        Assert.Equal(new PhaseBar("beijing", 0, 10, 20, 80, 10, 20, 10), Rounded(bar));
        Assert.Equal(150, bar.TotalMs, 0.2);
        Assert.Empty(PhaseBreakdownChart.From(run, "mumbai", "photo-backup"));
    }

    private static HistogramTag Tag(string step, string kind) => new("mumbai.app-cold-start", step, kind);

    private static HistogramBase Values(params long[] valuesUs) => StudySamples.Histogram(valuesUs);

    // HdrHistogram's mean is of bucket midpoints: within 0.05% of the values at 3 significant digits.
    private static PhaseBar Rounded(PhaseBar bar) => new(bar.Deployment, Math.Round(bar.DnsMs, 1), Math.Round(bar.ConnectMs, 1),
        Math.Round(bar.TlsMs, 1), Math.Round(bar.TtfbMs, 1), Math.Round(bar.TransferMs, 1), Math.Round(bar.ThinkMs, 1), Math.Round(bar.OtherMs, 1));
}
