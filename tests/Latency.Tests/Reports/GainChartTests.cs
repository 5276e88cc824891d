using System.Globalization;
using System.Text.RegularExpressions;
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

    /// <summary>The default study's shape: 7 countries x 6 workloads, gains from 0.8x to 12x, 95% intervals of +-15%, 80% ones of +-9%.</summary>
    private static List<GainPoint> StudyPoints(bool tooFew = false) =>
        Countries.SelectMany((c, ci) => Workloads.Select((w, wi) =>
        {
            var gain = 0.8 + (ci * Workloads.Length + wi) * 0.27;
            return new GainPoint(c.Country, c.City, w, gain, gain / 1.15, gain * 1.15, tooFew && wi == 3, gain / 1.09, gain * 1.09);
        })).ToList();

    private static Plot Create(IReadOnlyList<GainPoint> points) => GainChart.Create(points, "Speed gain", "beijing");

    private static IEnumerable<Coordinates> Dots(Plot plot) =>
        plot.GetPlottables().OfType<Markers>().SelectMany(m => m.Data.GetScatterPoints());

    [Fact]
    public void Create_SevenCountriesSixWorkloads_ThinAndThickIntervalPerWorkloadAndADotPerPoint()
    {
        var points = StudyPoints();
        points[0] = points[0] with { Lower = points[0].Gain / 2, Upper = points[0].Gain * 1.1, Lower80 = points[0].Gain / 1.5, Upper80 = points[0].Gain * 1.05 };

        var plot = Create(points);

        var intervals = plot.GetPlottables().OfType<ErrorBar>().ToList();
        Assert.Equal(2 * Workloads.Length, intervals.Count);
        Assert.All(intervals, i => Assert.Equal(Countries.Length, i.Xs.Count));
        Assert.Equal(Workloads.Length, intervals.Count(i => i.LineWidth == GainChart.ThinWidth));
        Assert.Equal(Workloads.Length, intervals.Count(i => i.LineWidth == GainChart.ThickWidth));
        Assert.All(intervals, i => Assert.Equal(0, i.CapSize));
        Assert.Equal(points.Count, Dots(plot).Count());
        // Log axis: each dot at log10(gain); each interval from log10 of its lower bound to log10 of its upper one.
        Assert.Equal(Math.Log10(points[0].Gain), Dots(plot).First().X, 9);
        var (thin, thick) = (intervals.First(i => i.LineWidth == GainChart.ThinWidth), intervals.First(i => i.LineWidth == GainChart.ThickWidth));
        Assert.Equal(Math.Log10(points[0].Gain / 2), thin.Xs[0], 9);
        Assert.Equal(Math.Log10(points[0].Gain * 1.1), thin.Xs[0] + thin.XErrorPositive![0], 9);
        Assert.Equal(Math.Log10(points[0].Gain / 1.5), thick.Xs[0], 9);
        Assert.Equal(Math.Log10(1.5 * 1.05), thick.XErrorPositive![0], 9);
        // The 1x line, at log10(1) = 0, named on the chart and in the legend.
        Assert.Contains(plot.GetPlottables().OfType<VerticalLine>(), l => l.X == 0 && l.LabelText == "1x = no gain");
        Assert.Equal(
            [.. Workloads, "thick: 80% interval", "thin: 95% interval", "1x = no gain"], plot.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public void Render_StudyShape_SvgHasAThickAndAThinIntervalAtEveryDot()
    {
        var svg = GainChart.Render(StudyPoints(), "beijing").Svg;

        var thick = Segments(svg, "5");
        var thin = Segments(svg, "1.5");

        // One of each per point, on the point's row, the thick 80% bar inside the thin 95% line.
        Assert.Equal(Countries.Length * Workloads.Length, thick.Count);
        Assert.Equal(Countries.Length * Workloads.Length, thick.Select(s => s.Y).Distinct().Count());
        Assert.All(thick, bar =>
        {
            var line = Assert.Single(thin, t => t.Y == bar.Y);
            Assert.True(line.X1 < bar.X1 && bar.X2 < line.X2, $"80% bar {bar} not inside the 95% line {line}");
        });
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
        foreach (var text in new[]
                 {
                     "Speed gain per country: beijing p50 / in-region p50", "App cold start", "OTA check", "1x = no gain", "Ho Chi Minh City",
                     "How many times faster in region (median session, log scale)", "thick: 80% interval", "thin: 95% interval",
                 })
        {
            Assert.Contains(text, chart.Svg);
        }

        Assert.DoesNotContain("too few sessions", chart.Svg);
        Assert.Contains("thick: 80% interval, thin: 95% interval", chart.Description);
        Assert.Contains("1x = no gain", chart.Description);
    }

    [Fact]
    public void Render_TooFewSamples_OpenDotsAndALegendEntry()
    {
        var points = StudyPoints(tooFew: true);

        var plot = Create(points);

        var open = plot.GetPlottables().OfType<Markers>().Where(m => m.MarkerStyle.FillColor == Colors.White).ToList();
        Assert.Equal(Countries.Length, open.Sum(m => m.Data.GetScatterPoints().Count));
        Assert.Equal("too few sessions", plot.Legend.ManualItems[^1].LabelText);
        var chart = GainChart.Render(points, "beijing");
        ChartAssert.ValidImages(chart);
        Assert.Contains("open dots", chart.Description);
    }

    [Fact]
    public void Render_FewWorkloads_LabelsEachGain()
    {
        GainPoint[] points = [new("India", "Mumbai", "App cold start", 2.5, 1.2, 4.17, false), new("Indonesia", null, "App cold start", 4, 2, 6.66, false)];

        var chart = GainChart.Render(points, "beijing");

        ChartAssert.ValidImages(chart);
        // Without 80% intervals only the thin 95% lines.
        Assert.Equal(2, Segments(chart.Svg, "1.5").Count);
        Assert.Empty(Segments(chart.Svg, "5"));
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
        Assert.Equal(statistics[0].GainP50!.Lower80, points[0].Lower80);
        Assert.Equal(statistics[0].GainP50!.Upper80, points[0].Upper80);
        Assert.True(points[0].Lower <= points[0].Lower80 && points[0].Upper80 <= points[0].Upper);
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

    /// <summary>
    /// The horizontal segments of the SVG's paths drawn <paramref name="width"/> px wide in the data area (clipped to
    /// it, unlike the legend's symbols), as (left, right, row) in pixels; ScottPlot's zero-length cap segments left out.
    /// </summary>
    private static List<(double X1, double X2, double Y)> Segments(string svg, string width) =>
        Regex.Matches(svg, $"<g clip-path=\"[^\"]*\">\\s*<path [^>]*stroke-width=\"{Regex.Escape(width)}\"[^>]* d=\"([^\"]*)\"")
            .SelectMany(path => Regex.Matches(path.Groups[1].Value, @"M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)"))
            .Select(m => m.Groups.Values.Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray())
            .Where(c => c[1] == c[3] && c[0] != c[2])
            .Select(c => (Math.Min(c[0], c[2]), Math.Max(c[0], c[2]), c[1]))
            .ToList();
}
