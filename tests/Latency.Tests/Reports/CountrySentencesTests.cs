using Latency.Reports.Study;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class CountrySentencesTests
{
    private static long[] Around(long us, int n = 60) => Enumerable.Range(0, n).Select(i => us + i * (us / 100)).ToArray();

    private static IReadOnlyList<string> SentencesOf(Dictionary<string, long[]> sessions)
    {
        var run = HeatmapChartTests.RunOf(sessions);
        var statistics = RowStatistics.From(StudySummary.From(run), run);
        return CountrySentences.Of(statistics, GainGrid.From(statistics, "app-cold-start"), "app-cold-start");
    }

    [Fact]
    public void Of_FasterSameAndFewSessions_OneSentenceEachInTheGridsOrderWithPlainLabels()
    {
        var sentences = SentencesOf(new Dictionary<string, long[]>
        {
            ["mumbai.app-cold-start/beijing/uncorrected"] = Around(2_000_000),
            ["mumbai.app-cold-start/mumbai/uncorrected"] = Around(500_000),
            ["manila.app-cold-start/beijing/uncorrected"] = Around(1_000_000),
            ["manila.app-cold-start/hong-kong/uncorrected"] = Around(1_000_000),
            ["jakarta.app-cold-start/beijing/uncorrected"] = Around(1_000_000, n: 3),
            ["jakarta.app-cold-start/jakarta/uncorrected"] = Around(100_000, n: 3),
        });

        Assert.Equal(3, sentences.Count);
        // Medians 2.59 s and 647 ms (4.0x, 75% less time); p95s 3.12 s and 780 ms.
        Assert.Matches(@"^mumbai: app cold start 4\.0x faster, very likely between 3\.\dx and 4\.\dx \(faster in every resampled run\)\. " +
                       @"Typical session \(median\): 2\.6 s on Beijing, 647 ms in region \(75% faster\); slow sessions \(1 in 20\): 3\.1 s and 780 ms \(75% faster\)\.$",
            sentences[0]);
        Assert.Matches(@"^manila: app cold start: no clear difference \(1\.0x, very likely between 0\.\dx and 1\.\dx\)\.$", sentences[1]);
        Assert.Equal("jakarta: app cold start: too few sessions to say (10.0x from 3 sessions a side).", sentences[2]);
    }
}
