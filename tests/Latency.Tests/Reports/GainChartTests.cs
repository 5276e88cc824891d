using Latency.Reports.Charts;
using Latency.Reports.Study;
using ScottPlot;
using ScottPlot.Plottables;

namespace Latency.Tests.Reports;

public class GainChartTests
{
    private static readonly (string Country, string City)[] Countries =
    [
        ("India", "Mumbai"), ("Indonesia", "Jakarta"), ("Malaysia", "Kuala Lumpur"), ("Philippines", "Manila"),
        ("Taiwan", "Taipei"), ("Vietnam", "Ho Chi Minh City"), ("Thailand", "Bangkok"),
    ];

    private static readonly string[] Workloads =
        ["Account login", "App cold start", "App store download", "OTA check", "Photo backup", "Push heartbeat"];

    /// <summary>The default study's shape: 7 countries x 6 workloads, gains from 0.8x to 12x, intervals of +-15%.</summary>
    private static List<GainPoint> StudyPoints(bool tooFew = false) =>
        Countries.SelectMany((c, ci) => Workloads.Select((w, wi) =>
        {
            var gain = 0.8 + (ci * Workloads.Length + wi) * 0.27;
            return new GainPoint(c.Country, c.City, w, gain, gain / 1.15, gain * 1.15, tooFew && wi == 3);
        })).ToList();

    private static Plot Create(IReadOnlyList<GainPoint> points) => GainChart.Create(points, "Speed gain", "beijing");

    private static IEnumerable<Coordinates> Dots(Plot plot) =>
        plot.GetPlottables().OfType<Markers>().SelectMany(m => m.Data.GetScatterPoints());

    [Fact]
    public void Create_SevenCountriesSixWorkloads_OneWhiskerSeriesPerWorkloadAndADotPerPoint()
    {
        var points = StudyPoints();
        points[0] = points[0] with { Lower = points[0].Gain / 2, Upper = points[0].Gain * 1.1 };

        var plot = Create(points);

        var whiskers = plot.GetPlottables().OfType<ErrorBar>().ToList();
        Assert.Equal(Workloads.Length, whiskers.Count);
        Assert.All(whiskers, w => Assert.Equal(Countries.Length, w.Xs.Count));
        Assert.Equal(points.Count, Dots(plot).Count());
        // Log axis: each dot at log10(gain); its whiskers reach log10 of the interval's bounds.
        Assert.Equal(Math.Log10(points[0].Gain), whiskers[0].Xs[0], 9);
        Assert.Equal(Math.Log10(1.1), whiskers[0].XErrorPositive![0], 9);
        Assert.Equal(Math.Log10(2), whiskers[0].XErrorNegative![0], 9);
        // The 1x line, at log10(1) = 0.
        Assert.Contains(plot.GetPlottables().OfType<VerticalLine>(), l => l.X == 0);
        Assert.Equal([.. Workloads, "1x: no gain"], plot.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public void Create_SevenCountriesSixWorkloads_ReadableAtTheReportSize()
    {
        var plot = Create(StudyPoints());

        plot.GetImageBytes(ChartStyle.Width, ChartStyle.Height, ImageFormat.Png);

        var data = plot.LastRender.DataRect;
        // The legend stands right of the data, not on it.
        Assert.True(data.Right + plot.Legend.LastRenderSize.Width <= ChartStyle.Width,
            $"legend {plot.Legend.LastRenderSize.Width} px wide does not fit right of the data, which ends at {data.Right} px");
        var pixels = Dots(plot).Select(c => plot.GetPixel(c)).ToList();
        Assert.All(pixels, p => Assert.True(data.Contains(p), $"dot at {p} outside the data area {data}"));
        // Rows of dots at least a 9 px dot and a pixel apart; each country's band tall enough for its two-line label.
        var rows = pixels.Select(p => p.Y).Distinct().Order().ToList();
        Assert.Equal(Countries.Length * Workloads.Length, rows.Count);
        Assert.True(rows.Zip(rows.Skip(1), (a, b) => b - a).Min() >= 10, "rows of dots closer than 10 px");
        Assert.True(data.Height / Countries.Length >= 40, $"a country's band is {data.Height / Countries.Length} px high");
        Assert.True(data.Width >= ChartStyle.Width / 2, $"the data area is only {data.Width} px wide");
    }

    [Fact]
    public void Render_StudyShape_ValidPngAndSvgWithLabels()
    {
        var chart = GainChart.Render(StudyPoints(), "beijing");

        Assert.Equal(GainChart.Name, chart.Name);
        ChartAssert.ValidImages(chart);
        foreach (var text in new[] { "Speed gain per country: beijing p50 / in-region p50", "App cold start", "OTA check", "1x: no gain", "Ho Chi Minh City", "log scale" })
        {
            Assert.Contains(text, chart.Svg);
        }

        Assert.DoesNotContain("too few sessions", chart.Svg);
        Assert.Contains("95% bootstrap interval", chart.Description);
    }

    [Fact]
    public void Render_TooFewSamples_OpenDotsAndALegendEntry()
    {
        var points = StudyPoints(tooFew: true);

        var plot = Create(points);

        var open = plot.GetPlottables().OfType<Markers>().Where(m => m.MarkerShape == MarkerShape.OpenCircle).ToList();
        Assert.Equal(Countries.Length, open.Sum(m => m.Data.GetScatterPoints().Count));
        Assert.Equal("too few sessions", plot.Legend.ManualItems[^1].LabelText);
        Assert.Contains("open dots", GainChart.Render(points, "beijing").Description);
    }

    [Fact]
    public void Render_FewWorkloads_LabelsEachGain()
    {
        GainPoint[] points = [new("India", "Mumbai", "App cold start", 2.5, 1.2, 4.17, false), new("Indonesia", null, "App cold start", 4, 2, 6.66, false)];

        var chart = GainChart.Render(points, "beijing");

        ChartAssert.ValidImages(chart);
        Assert.Contains("2.50x", chart.Svg);
        Assert.Contains("4.00x", chart.Svg);
        Assert.DoesNotContain("2.50x", GainChart.Render(StudyPoints(), "beijing").Svg);
    }

    [Fact]
    public void Render_NoPoints_StillRenders()
    {
        var chart = GainChart.Render([], "beijing");

        Assert.Contains("no gain", chart.Svg);
    }

    [Fact]
    public void From_StudyRun_FirstTableGainWithBootstrapIntervalAndWorkloadLabels()
    {
        var run = HeatmapChartTests.RunOf(StudySamples.Sessions()) with { Manifest = ManifestSamples.Partial() with { Study = StudySamples.Study() } };
        var summary = StudySummary.From(run);
        var statistics = RowStatistics.From(summary, run);

        var points = GainChart.From(statistics);

        Assert.Equal(2, points.Count);
        Assert.Equal(("India", "Mumbai", "App cold start"), (points[0].Country, points[0].City, points[0].Workload));
        Assert.Equal(summary.Rows[0].GainP50, points[0].Gain);
        Assert.Equal(statistics[0].GainP50!.Lower, points[0].Lower);
        Assert.Equal(statistics[0].GainP50!.Upper, points[0].Upper);
        Assert.False(points[0].TooFewSamples);
    }

    [Fact]
    public void From_RowWithoutInRegionSessions_LeftOut()
    {
        var sessions = StudySamples.Sessions();
        sessions.Remove("jakarta.app-cold-start/jakarta/uncorrected");
        var run = HeatmapChartTests.RunOf(sessions);
        var summary = StudySummary.From(run);

        var points = GainChart.From(RowStatistics.From(summary, run));

        Assert.Equal(["mumbai"], points.Select(p => p.Country));
    }
}
