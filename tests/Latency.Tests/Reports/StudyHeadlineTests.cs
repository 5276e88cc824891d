using Latency.Reports.Study;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class StudyHeadlineTests
{
    private static IReadOnlyList<RowStatistics> StatisticsOf(Dictionary<string, long[]> sessions)
    {
        var run = HeatmapChartTests.RunOf(sessions);
        return RowStatistics.From(StudySummary.From(run), run);
    }

    private static long[] Around(long us, int n = 60) => Enumerable.Range(0, n).Select(i => us + i * (us / 100)).ToArray();

    [Fact]
    public void Of_TwoCountriesFourAndTwoTimesFaster_PoolsToTwoPointEightAndCountsClearPairs()
    {
        var statistics = StatisticsOf(new Dictionary<string, long[]>
        {
            ["mumbai.app-cold-start/beijing/uncorrected"] = Around(2_000_000),
            ["mumbai.app-cold-start/mumbai/uncorrected"] = Around(500_000),
            ["jakarta.app-cold-start/beijing/uncorrected"] = Around(1_000_000),
            ["jakarta.app-cold-start/jakarta/uncorrected"] = Around(500_000),
            ["jakarta.ota-check/beijing/uncorrected"] = Around(100_000),
            ["jakarta.ota-check/jakarta/uncorrected"] = Around(100_000),
        });

        var headline = StudyHeadline.Of(statistics, "app-cold-start");

        // Geometric mean of 4x and 2x = 2.83x = 65% faster; medians 2.59 / 0.65 s and 1.30 / 0.65 s: (1.94 + 0.65) / 2 = 1.3 s saved.
        Assert.NotNull(headline);
        Assert.StartsWith("In region, app cold start is 65% faster (1.3 s saved; very likely ", headline, StringComparison.Ordinal);
        Assert.EndsWith(") across 2 countries; clearly faster in 2 of 3 country-workload pairs.", headline, StringComparison.Ordinal);
        Assert.InRange(StudyHeadline.Words(headline), 1, StudyHeadline.MaxWords);
    }

    [Fact]
    public void Of_SameDistributionBothSides_NoClearDifferenceWithTheIntervalInWords()
    {
        var statistics = StatisticsOf(new Dictionary<string, long[]>
        {
            ["manila.app-cold-start/beijing/uncorrected"] = Around(1_000_000),
            ["manila.app-cold-start/hong-kong/uncorrected"] = Around(1_000_000),
        });

        var headline = StudyHeadline.Of(statistics, "app-cold-start");

        Assert.NotNull(headline);
        Assert.Matches(@"^In region, app cold start shows no clear difference \(very likely between \d+% slower and \d+% faster\) in manila\.$", headline);
    }

    [Fact]
    public void Of_InRegionSlower_SaysSlowerAndTheTimeAdded()
    {
        var statistics = StatisticsOf(new Dictionary<string, long[]>
        {
            ["manila.app-cold-start/beijing/uncorrected"] = Around(500_000),
            ["manila.app-cold-start/hong-kong/uncorrected"] = Around(1_000_000),
        });

        Assert.Matches(@"^In region, app cold start is 100% slower \(647 ms more; very likely \d+-\d+%\) in manila\.$", StudyHeadline.Of(statistics, "app-cold-start"));
    }

    [Fact]
    public void Of_NoInRegionSide_Null()
    {
        Assert.Null(StudyHeadline.Of(StatisticsOf(new Dictionary<string, long[]> { ["mumbai.app-cold-start/beijing/uncorrected"] = Around(400_000) }), "app-cold-start"));
    }
}
