using Latency.RunDirectory;
using Latency.Reports.Study;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class StudyFindingTests
{
    private static string? SentenceOf(Dictionary<string, long[]> sessions)
    {
        var run = HeatmapChartTests.RunOf(sessions);
        var summary = StudySummary.From(run);
        return StudyFinding.Sentence(RowStatistics.From(summary, run));
    }

    private static long[] Around(long us, int n = 40) => Enumerable.Range(0, n).Select(i => us + i * (us / 100)).ToArray();

    [Fact]
    public void Sentence_ThreeComparisons_CountsVerdictsAndNamesTheRangeOfGains()
    {
        var sentence = SentenceOf(new Dictionary<string, long[]>
        {
            // mumbai 4x faster in region, jakarta 2x, manila the same distribution on both.
            ["mumbai.app-cold-start/beijing/uncorrected"] = Around(400_000),
            ["mumbai.app-cold-start/mumbai/uncorrected"] = Around(100_000),
            ["jakarta.app-cold-start/beijing/uncorrected"] = Around(200_000),
            ["jakarta.app-cold-start/jakarta/uncorrected"] = Around(100_000),
            ["manila.app-cold-start/beijing/uncorrected"] = Around(100_000),
            ["manila.app-cold-start/hong-kong/uncorrected"] = Around(100_000),
        });

        Assert.NotNull(sentence);
        Assert.StartsWith("The in-region deployment was faster in 2 of 3 comparison(s) (a country and a workload each), slower in 0, and not clearly different in 1.", sentence);
        Assert.Contains("range from 1.00x (manila, App cold start) to 4.00x (mumbai, App cold start); their median is 2.00x.", sentence);
    }

    [Fact]
    public void Sentence_NoInRegionDeployment_Null()
    {
        Assert.Null(SentenceOf(new Dictionary<string, long[]> { ["mumbai.app-cold-start/beijing/uncorrected"] = Around(400_000) }));
    }
}
