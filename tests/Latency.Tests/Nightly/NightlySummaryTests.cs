using System.Text.Json;
using Latency.Bench.Application;
using Latency.Bench.Cli;
using Latency.History;
using Latency.Reports.Compare;
using Latency.RunDirectory;
using Latency.Tests.Compare;
using Latency.Tests.Reports;

namespace Latency.Tests.Nightly;

public sealed class NightlySummaryTests
{
    private static readonly BaselineChoice LastNight = new()
    {
        Directory = "runs/nightly-1/run", Name = "run 12 (2026-12-01 02:00 UTC, commit 1a2b3c4)", Reason = "last good.", HistoryRunId = 12,
    };

    [Fact]
    public async Task Headline_WithARegression_SaysHowManyRowsAreSlowerThanWhichRun()
    {
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WritePlainAsync(d, 1), d => CompareSamples.WritePlainAsync(d, 2, 1.25));

        var headline = NightlySummary.Headline(Judged(comparison));

        Assert.Equal("Regression: 2 of 2 rows slower than run 12 (2026-12-01 02:00 UTC, commit 1a2b3c4) beyond the 5% tolerance.", headline);
    }

    [Fact]
    public async Task Headline_WithoutARegression_StartsNoRegressionAgainstTheBaselineAndAddsFailedThresholds()
    {
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WritePlainAsync(d, 1), d => CompareSamples.WritePlainAsync(d, 2));
        var outcome = Judged(comparison) with
        {
            Run = Complete() with { FailedThresholds = [new FailedThreshold("checkout", "p95 < 1ms: observed 3ms")] },
        };

        var headline = NightlySummary.Headline(outcome);

        Assert.StartsWith("No regression against run 12 (2026-12-01 02:00 UTC, commit 1a2b3c4) in 2 rows at the 5% tolerance", headline, StringComparison.Ordinal);
        Assert.EndsWith(" 1 threshold(s) failed.", headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Headline_OfTheFirstNightAndOfAnInterruptedOne_SayNoBaselineAndInterrupted()
    {
        var first = Judged(null) with { Baseline = new BaselineChoice { Name = "none", Reason = "no earlier run (the first night)." }, Compare = null };
        var interrupted = Outcome("runs/n") with
        {
            Run = Complete() with { Status = RunStatus.Partial, StatusReason = "interrupted by Ctrl-C" },
            Interrupted = true,
            NotJudgedBecause = "the run was interrupted",
        };

        Assert.Equal("No baseline, nothing compared: no earlier run (the first night).", NightlySummary.Headline(first));
        Assert.StartsWith("Interrupted: the run was stopped before its end (interrupted by Ctrl-C)", NightlySummary.Headline(interrupted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TheHeadlineFirst_RelativeLinksToTheFilesThatExistOnly_UserTextEscaped()
    {
        using var temp = new TempDirectory();
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WritePlainAsync(d, 1), d => CompareSamples.WritePlainAsync(d, 2, 1.25));
        await RunManifestFile.WriteAsync(Path.Combine(temp.Path, "run"), ManifestSamples.Partial());
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "run", "report.html"), "<html></html>");
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "compare.html"), "<html></html>");
        var outcome = Judged(comparison, temp.Path) with
        {
            Manifest = ManifestSamples.Partial() with { Suite = new SuiteInfo { Name = "<script>shop</script>" } },
        };
        var exit = NightlyCommand.Exit(outcome, ExitCodes.Ok);

        var files = await NightlySummary.WriteAsync(outcome, exit, CancellationToken.None);

        var html = await File.ReadAllTextAsync(files[0]);
        var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
        Assert.StartsWith("<body>\n<p id=\"headline\" class=\"headline\">Regression: 2 of 2 rows slower than run 12", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"run/report.html\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"compare.html\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("run/run.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("trend.html", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;shop&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("Exit code 1: slower", html, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files[1]));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("exit").GetProperty("code").GetInt32());
        Assert.Equal(1, root.GetProperty("exit").GetProperty("steps").GetProperty("compare").GetInt32());
        Assert.Equal(2, root.GetProperty("comparison").GetProperty("regression").GetInt32());
        Assert.Equal(0, root.GetProperty("comparison").GetProperty("no_change").GetInt32());
        Assert.Equal(["run/report.html", "compare.html"], root.GetProperty("links").EnumerateObject().Select(p => p.Value.GetString()));
    }

    [Fact]
    public async Task Links_ARunWithoutAReportPage_LinksItsRunJsonAndATrendPageWhenThere()
    {
        using var temp = new TempDirectory();
        await RunManifestFile.WriteAsync(Path.Combine(temp.Path, "run"), ManifestSamples.Partial());
        await File.WriteAllTextAsync(Path.Combine(temp.Path, NightlySummary.TrendFileName), "<html></html>");

        var links = NightlySummary.Links(temp.Path);

        Assert.Equal(["run/run.json", "trend.html"], links.Select(l => l.Href));
    }

    private static NightlyOutcome Outcome(string directory) => new()
    {
        Request = new NightlyRequest { OutDirectory = directory, HistoryFile = "runs/history.db", Tolerance = 0.05 },
    };

    private static RunOutcome Complete() => new() { RunDirectory = "runs/n/run", Status = RunStatus.Complete };

    private static NightlyOutcome Judged(RunComparison? comparison, string directory = "runs/n") => Outcome(directory) with
    {
        Run = Complete(),
        Manifest = ManifestSamples.Partial(),
        Baseline = LastNight,
        Compare = new CompareOutcome { Comparison = comparison },
        Check = new HistoryCheckOutcome { SeriesChecked = 4, Runs = 2 },
    };
}
