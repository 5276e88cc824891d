using Latency.Reports.RunDirectory;
using Latency.Reports.Study;

namespace Latency.Tests.Reports;

public class StudyReportTests
{
    private static RunData SmallRun() => HeatmapChartTests.RunOf(new Dictionary<string, long[]>
    {
        // 20 sessions a side: enough for the median's 95% interval, too few for p95's (59).
        ["mumbai.app-cold-start/beijing/uncorrected"] = Enumerable.Range(1, 20).Select(i => 140_000 + i * 1_000L).ToArray(),
        ["mumbai.app-cold-start/mumbai/uncorrected"] = Enumerable.Range(1, 20).Select(i => 50_000 + i * 1_000L).ToArray(),
    });

    private static string Markdown(RunData run)
    {
        var summary = StudySummary.From(run);
        var report = StudyReport.Build(run, summary, RowStatistics.From(summary, run), [], null, []);
        return MarkdownRenderer.Render(report.Blocks);
    }

    [Fact]
    public void Build_FewerSessionsThanP95Needs_DetailsShowIntervalsAndMarkP95Only()
    {
        var markdown = Markdown(SmallRun());

        var details = markdown[markdown.IndexOf("## Sessions per deployment", StringComparison.Ordinal)..];
        Assert.Contains("| Scenario | Deployment | Role | Sessions | Failed | p50 (ms, 95% CI) | p95 (ms, 95% CI) |", details);
        var origin = details.Split('\n').Single(l => l.StartsWith("| mumbai.app-cold-start | beijing | origin | 20 |", StringComparison.Ordinal));
        var cells = origin.Split(" | ");
        Assert.Matches(@"^15\d \(1\d\d-1\d\d\)$", cells[5]);
        Assert.Matches(@"^1\d\d \(1\d\d-1\d\d, few samples\) \|$", cells[6]);
    }

    [Fact]
    public void Build_TwoDeployments_GainTableHasP50P95AndP99WithIntervals()
    {
        var markdown = Markdown(SmallRun());

        var gains = markdown[markdown.IndexOf("## Speed gain at p50, p95 and p99", StringComparison.Ordinal)..];
        Assert.Contains("| Country | Workload | In region | Gain p50 (95% CI) | Gain p95 (95% CI) | Gain p99 (95% CI) |", gains);
        var row = gains.Split('\n').Single(l => l.EndsWith(" |", StringComparison.Ordinal) && l.Contains("| App cold start | mumbai |", StringComparison.Ordinal));
        var cells = row.Split(" | ");
        // 20 sessions a side: enough for p50, too few for p95 (59) and p99 (299).
        Assert.Matches(@"^\d+\.\d\dx \(\d+\.\d\d-\d+\.\d\dx\)$", cells[3]);
        Assert.Matches(@"^\d+\.\d\dx \(\d+\.\d\d-\d+\.\d\dx, few samples\)$", cells[4]);
        Assert.Matches(@"^\d+\.\d\dx \(\d+\.\d\d-\d+\.\d\dx, few samples\) \|$", cells[5]);
    }

    [Fact]
    public void Build_StatisticsOfAnotherSummary_Throws()
    {
        var run = SmallRun();
        var summary = StudySummary.From(run);
        var other = RowStatistics.From(StudySummary.From(run), run);

        Assert.Throws<ArgumentException>(() => StudyReport.Build(run, summary, other, [], null, []));
    }
}
