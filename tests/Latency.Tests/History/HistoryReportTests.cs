using Latency.Bench.Application;
using Latency.Bench.Cli;
using Latency.History;
using Latency.Reports.Charts;
using Latency.Reports.Trend;
using Latency.Tests.Reports;
using SkiaSharp;

namespace Latency.Tests.History;

public sealed class HistoryReportTests
{
    // Ten nights of p50 in ms with a little noise, as HistoryCheckTests' history.
    private static readonly double[] Flat = [100, 101, 99, 100, 102, 98, 100, 101, 99, 100];

    private static readonly double[] StepAtRun6 = Flat.Select((v, i) => i >= 5 ? v * 1.2 : v).ToArray();

    private const string StudyRow = "mumbai/beijing/app-cold-start";

    [Fact]
    public async Task AStepAtRun6Of10_WritesASelfContainedPageThatNamesTheRowAndItsSlowerLevelFromRun6()
    {
        using var temp = new TempDirectory();
        var history = HistoryCheckTests.Write(temp, StepAtRun6, Flat, StudyRow);
        var outDirectory = temp.File("trend");

        var (code, output, error) = await HistoryCommandTests.Cli("history", "report", "--history", history, "--out", outDirectory);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        var html = await File.ReadAllTextAsync(Path.Combine(outDirectory, TrendWriter.HtmlFileName));
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains($"<h3>{StudyRow}</h3>", html, StringComparison.Ordinal);
        Assert.Contains("1 suite, 1 row, 10 runs. At a new, slower level", html, StringComparison.Ordinal);
        Assert.Contains($"suite / {StudyRow}: p50 slower from run 6 (+20%, 100.0 -&gt; 120.0 ms)", html, StringComparison.Ordinal);
        Assert.Contains("Changes of level: p50 +20% from run 6", html, StringComparison.Ordinal);
        var png = Path.Combine(outDirectory, "charts", "trend-suite-mumbai-beijing-app-cold-start.png");
        Assert.Contains(png, output, StringComparison.Ordinal);
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.ChangeExtension(png, ".svg")), StringComparison.Ordinal);
        AssertPlotsTheRow(await File.ReadAllBytesAsync(png));
    }

    [Fact]
    public async Task AStepAtRun6Of10_IsMarkedAtRun6OnP50AndP95AndHighlightedAsTheSlowerLevel()
    {
        using var temp = new TempDirectory();
        var history = HistoryCheckTests.Write(temp, StepAtRun6, Flat);

        var outcome = await HistoryService.ReportAsync(history, new HistoryQuery(), 0.05, temp.File("trend"), CancellationToken.None);

        var series = Assert.Single(outcome.Report!.Series);
        var changes = TrendAnalysis.Changes(series, 0.05);
        // p95 is twice the p50 in this history, so it steps at the same run.
        Assert.Equal([("p50", 6L, "+20%"), ("p95", 6L, "+20%")],
            changes.Select(c => (c.Quantile, series.Points[c.Point.Index].RunId, TrendChart.Step(c))));
        var slower = Assert.Single(TrendAnalysis.SlowerLevels(series, 0.05));
        Assert.Equal(("p50", 6L), (slower.Quantile, series.Points[slower.Point.Index].RunId));
        var plot = TrendChart.Create("t", series, changes, [slower]);
        var marker = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>());
        Assert.Equal((6.0, "+20% p50, +20% p95"), (marker.X, marker.LabelText));
        var band = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.HorizontalSpan>());
        Assert.Equal((5.5, 10.5), (band.X1, band.X2));
        ChartAssert.ValidImages(TrendChart.Render(series, changes, [slower]));
    }

    [Fact]
    public async Task AFlatHistory_MarksNoChangeAndSaysNoRowIsSlower()
    {
        using var temp = new TempDirectory();
        var history = HistoryCheckTests.Write(temp, Flat, Flat);
        var outDirectory = temp.File("trend");

        var (code, output, _) = await HistoryCommandTests.Cli("history", "report", "--history", history, "--out", outDirectory);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("1 suite, 1 row, 10 runs. No row is at a new, slower level", output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(outDirectory, TrendWriter.HtmlFileName));
        Assert.Contains("No row is at a new, slower level", html, StringComparison.Ordinal);
        Assert.Contains("No change of level.", html, StringComparison.Ordinal);
        var series = new TrendSeries { Suite = "suite", Row = "checkout", Points = Points(Flat) };
        Assert.Empty(TrendAnalysis.Changes(series, 0.05));
        Assert.Empty(TrendChart.Create("t", series, [], []).GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>());
    }

    [Fact]
    public async Task AHistoryOfOneRun_ListsTheRowAsNotEnoughRunsWithoutAChart()
    {
        using var temp = new TempDirectory();
        var history = HistoryCheckTests.Write(temp, [100], [100]);
        var outDirectory = temp.File("trend");

        var (code, _, _) = await HistoryCommandTests.Cli("history", "report", "--history", history, "--out", outDirectory);

        Assert.Equal(ExitCodes.Ok, code);
        var html = await File.ReadAllTextAsync(Path.Combine(outDirectory, TrendWriter.HtmlFileName));
        Assert.Contains("checkout: not enough runs (1); a trend needs at least 2.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(outDirectory, "charts")));
    }

    [Fact]
    public async Task RowAndSuiteText_IsEscapedInThePage()
    {
        using var temp = new TempDirectory();
        var history = HistoryCheckTests.Write(temp, Flat, Flat, "<b>checkout</b>&co");
        var outDirectory = temp.File("trend");

        await HistoryCommandTests.Cli("history", "report", "--history", history, "--out", outDirectory);

        var html = await File.ReadAllTextAsync(Path.Combine(outDirectory, TrendWriter.HtmlFileName));
        Assert.Contains("&lt;b&gt;checkout&lt;/b&gt;&amp;co", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>checkout", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tolerance", "abc", "--tolerance: 'abc'")]
    [InlineData("--last", "0", "--last: must be at least 1")]
    [InlineData("--out", "", "--out: required")]
    [InlineData("--history", "none.db", "no history file")]
    public async Task BadInput_Exits2NamingTheProblemWithoutAStackTrace(string option, string value, string problem)
    {
        using var temp = new TempDirectory();
        var history = HistoryCheckTests.Write(temp, Flat, Flat);
        var outDirectory = temp.File("trend");
        var args = new Dictionary<string, string> { ["--history"] = history, ["--out"] = outDirectory };
        args[option] = option == "--history" ? temp.File(value) : value;

        var (code, _, error) = await HistoryCommandTests.Cli(["history", "report", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDirectory));
    }

    [Fact]
    public async Task NoOutOption_Exits2()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = await HistoryCommandTests.Cli("history", "report", "--history", HistoryCheckTests.Write(temp, Flat, Flat));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--out: required", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutThatIsAFile_Exits3WithOneLine()
    {
        using var temp = new TempDirectory();
        var history = HistoryCheckTests.Write(temp, Flat, Flat);
        var outFile = temp.File("taken");
        await File.WriteAllTextAsync(outFile, "not a folder");

        var (code, _, error) = await HistoryCommandTests.Cli("history", "report", "--history", history, "--out", outFile);

        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.Contains($"{outFile}: cannot write the trend report", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void RowsWhoseFileNamesCollide_GetChartsOfTheirOwn()
    {
        var report = new TrendReport
        {
            Series = [new TrendSeries { Suite = "s", Row = "a/b", Points = Points(Flat) }, new TrendSeries { Suite = "s", Row = "a-b", Points = Points(Flat) }],
            Runs = Flat.Length,
            Tolerance = 0.05,
        };

        Assert.Equal(["trend-s-a-b", "trend-s-a-b-2"], TrendWriter.Charts(report).Select(c => c!.Name));
    }

    /// <summary>
    /// The PNG decodes to the chart's size, and the row's colour covers a good many pixels (two lines of ten points),
    /// so the chart plots the series rather than an empty frame.
    /// </summary>
    private static void AssertPlotsTheRow(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((ChartStyle.Width, ChartStyle.Height), (bitmap.Width, bitmap.Height));
        var row = new SKColor(0x1f, 0x77, 0xb4);
        var coloured = bitmap.Pixels.Count(p => Math.Abs(p.Red - row.Red) + Math.Abs(p.Green - row.Green) + Math.Abs(p.Blue - row.Blue) < 40);
        Assert.InRange(coloured, 1_000, ChartStyle.Width * ChartStyle.Height / 4);
    }

    private static IReadOnlyList<TrendPoint> Points(double[] p50Ms) => p50Ms.Select((v, i) => new TrendPoint
    {
        RunId = i + 1, StartedUtc = DateTimeOffset.UnixEpoch.AddDays(i), P50Ms = v, P95Ms = 2 * v, P99Ms = 3 * v,
    }).ToList();
}
