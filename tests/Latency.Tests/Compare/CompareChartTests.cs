using System.Text.RegularExpressions;
using System.Xml.Linq;
using Latency.Reports.Charts;
using Latency.Reports.Compare;
using Latency.Tests.Reports;
using ScottPlot;
using ScottPlot.Plottables;

namespace Latency.Tests.Compare;

public class CompareChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>A plain run (an iteration row and a step row) against the same run 25% slower: 2 rows x 3 quantiles, all regressions.</summary>
    private static Task<RunComparison> RegressionAsync() =>
        CompareSamples.CompareAsync(d => CompareSamples.WritePlainAsync(d, seed: 1), d => CompareSamples.WritePlainAsync(d, seed: 5, scale: 1.25));

    private static List<Coordinates> Dots(Plot plot) =>
        plot.GetPlottables().OfType<Markers>().SelectMany(m => m.Data.GetScatterPoints()).ToList();

    [Fact]
    public async Task Create_TwoRowsThreeQuantiles_ADotAndAWhiskerPerLineAtTheRatioAndAToleranceBand()
    {
        var comparison = await RegressionAsync();

        var plot = CompareChart.Create(comparison, "compare");

        var quantiles = comparison.Rows.SelectMany(r => r.Quantiles).ToList();
        Assert.Equal(6, quantiles.Count);
        var dots = Dots(plot);
        Assert.Equal(comparison.Rows.Count * 3, dots.Count);
        // Top to bottom in the table's order, each dot at its ratio, each on its own line.
        Assert.Equal(quantiles.Select(q => q.Ratio), dots.Select(d => d.X));
        Assert.Equal([5.0, 4, 3, 2, 1, 0], dots.Select(d => d.Y));
        var whiskers = Assert.Single(plot.GetPlottables().OfType<ErrorBar>());
        Assert.Equal(quantiles.Select(q => q.Lower), whiskers.Xs);
        Assert.Equal(quantiles.Select(q => q.Upper - q.Lower), whiskers.XErrorPositive!, (a, b) => Math.Abs(a - b) < 1e-9);
        // All regressions: one series, in the regression's colour.
        var markers = Assert.Single(plot.GetPlottables().OfType<Markers>());
        Assert.Equal(ChartStyle.Origin, markers.MarkerStyle.FillColor);
        var band = Assert.Single(plot.GetPlottables().OfType<HorizontalSpan>());
        Assert.Equal((0.95, 1.05), (band.X1, band.X2));
        Assert.Contains(plot.GetPlottables().OfType<VerticalLine>(), l => l.X == 1 && l.LabelText == CompareChart.NoChangeLabel);
        Assert.Equal(["regression", CompareChart.NoChangeLabel, "1 +- 5% tolerance"], plot.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public async Task Create_NoChangeAndRegressionRows_ColouredByVerdict()
    {
        var comparison = await RegressionAsync();
        var mixed = comparison with
        {
            Rows = [comparison.Rows[0], comparison.Rows[1] with { Quantiles = comparison.Rows[1].Quantiles.Select(q => q with { Verdict = CompareVerdict.NoChange }).ToList() }],
        };

        var plot = CompareChart.Create(mixed, "compare");

        var markers = plot.GetPlottables().OfType<Markers>().ToList();
        Assert.Equal([3, 3], markers.Select(m => m.Data.GetScatterPoints().Count));
        Assert.NotEqual(markers[0].MarkerStyle.FillColor, markers[1].MarkerStyle.FillColor);
        Assert.NotEqual(markers[0].MarkerStyle.Shape, markers[1].MarkerStyle.Shape);
    }

    [Fact]
    public async Task WriteAsync_Comparable_HtmlEmbedsTheChartAndChartsFolderHasAParsableSvgWithADotPerLine()
    {
        using var output = new TempDirectory();
        var comparison = await RegressionAsync();

        var files = await CompareWriter.WriteAsync(comparison, output.Path);

        Assert.Equal(["compare.md", "compare.html", "compare.json", "compare.png", "compare.svg"], files.Select(Path.GetFileName));
        var html = await File.ReadAllTextAsync(Path.Combine(output.Path, CompareWriter.HtmlFileName));
        var image = Regex.Match(html, "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        Assert.True(image.Success, "compare.html embeds no PNG");
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(output.Path, "charts", "compare.png")), Convert.FromBase64String(image.Groups[1].Value));
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(Path.Combine(output.Path, CompareWriter.MarkdownFileName));
        Assert.Contains("](charts/compare.png)", markdown, StringComparison.Ordinal);

        var svg = XDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "charts", "compare.svg")));
        Assert.Equal(Svg + "svg", svg.Root!.Name);
        // A regression's triangle per row x quantile, each on its own line, in the data area (clipped, unlike the legend's symbol).
        var dots = RegressionDots(svg);
        Assert.Equal(comparison.Rows.Count * 3, dots.Count);
        Assert.Equal(dots.Count, dots.Distinct().Count());
    }

    [Fact]
    public async Task WriteAsync_NotComparable_NoChart()
    {
        using var output = new TempDirectory();
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WritePlainAsync(d, seed: 1, suite: "shop"), d => CompareSamples.WritePlainAsync(d, seed: 2, suite: "shop-v2"));

        var files = await CompareWriter.WriteAsync(comparison, output.Path);

        Assert.Equal(3, files.Count);
        Assert.False(Directory.Exists(Path.Combine(output.Path, "charts")));
        Assert.DoesNotContain("<img", await File.ReadAllTextAsync(Path.Combine(output.Path, CompareWriter.HtmlFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ManyRows_TallerSoLinesStayApart()
    {
        var comparison = await RegressionAsync();
        var many = comparison with { Rows = Enumerable.Repeat(comparison.Rows[0], 40).ToList() };

        var chart = CompareChart.Render(many);

        Assert.Equal(160 + CompareChart.LineHeight * 120, chart.Height);
        Assert.Equal(120, Dots(CompareChart.Create(many, "compare")).Count);
    }

    /// <summary>
    /// The top y of every filled triangle in the regression's colour in the data area: groups clipped to the first clip
    /// path's rectangle (the plottables' area; the legend has a clip path of its own).
    /// </summary>
    private static List<string> RegressionDots(XDocument svg)
    {
        var clips = svg.Descendants(Svg + "clipPath").ToDictionary(c => (string)c.Attribute("id")!, c => c.Element(Svg + "rect")?.ToString());
        var dataArea = svg.Descendants(Svg + "clipPath").First().Element(Svg + "rect")!.ToString();
        return svg.Descendants(Svg + "g")
            .Where(g => (string?)g.Attribute("clip-path") is { } clip && clips.GetValueOrDefault(clip[5..^1]) == dataArea)
            .Elements(Svg + "path")
            .Where(p => string.Equals((string?)p.Attribute("fill"), ChartStyle.Origin.ToHex(), StringComparison.OrdinalIgnoreCase))
            .Select(p => Regex.Match((string?)p.Attribute("d") ?? "", @"^M[-\d.]+ ([-\d.]+)(L[-\d.]+ [-\d.]+){3}Z$"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
    }
}
