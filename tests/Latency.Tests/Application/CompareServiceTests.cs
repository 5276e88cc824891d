using Latency.Bench.Application;
using Latency.History;
using Latency.Reports.Compare;
using Latency.Tests.Compare;
using Latency.Tests.History;
using Latency.Tests.Reports;

namespace Latency.Tests.Application;

public sealed class CompareServiceTests
{
    [Fact]
    public async Task RunAsync_WithAHistoryOfEarlierRuns_WidensByTheirSpreadAndIgnoresLaterRunsAndOtherMachines()
    {
        using var temp = new TempDirectory();
        var baseline = temp.File("baseline");
        var current = temp.File("current");
        await CompareSamples.WriteStudyAsync(baseline, seed: 1);
        await CompareSamples.WriteStudyAsync(current, seed: 2, scale: 1.10);
        var history = temp.File("history.db");
        using (var store = HistoryStore.Open(history))
        {
            // Eight earlier nights alternating 100 and 110 ms at p50: |log(1.1)| between each pair.
            for (var night = 8; night >= 1; night--)
            {
                var nightP50 = night % 2 == 0 ? 100_000 : 110_000;
                store.Add(HistoryStoreTests.Run("default", HistogramSamples.RunStart.AddDays(-night)), [HistoryStoreTests.Row("mumbai/beijing/app-cold-start", nightP50)]);
            }

            // Not earlier runs of this suite on this machine: a later run, another machine, another suite; all wild.
            store.Add(HistoryStoreTests.Run("default", HistogramSamples.RunStart.AddDays(1)), [HistoryStoreTests.Row("mumbai/beijing/app-cold-start", 900_000)]);
            store.Add(HistoryStoreTests.Run("default", HistogramSamples.RunStart.AddDays(-20)) with { Machine = "other" },
                [HistoryStoreTests.Row("mumbai/beijing/app-cold-start", 900_000)]);
            store.Add(HistoryStoreTests.Run("shop", HistogramSamples.RunStart.AddDays(-21)), [HistoryStoreTests.Row("mumbai/beijing/app-cold-start", 900_000)]);
        }

        var outcome = await CompareService.RunAsync(new CompareRequest(baseline, current, 0.05, temp.File("out"), history), CancellationToken.None);

        var comparison = outcome.Comparison!;
        Assert.Equal(8, comparison.SpreadRuns);
        var p50 = comparison.Rows.Single().Quantiles[0];
        Assert.Equal(1.4826 * Math.Log(1.1), p50.BetweenRunSpread!.Value, 6);
        Assert.Equal(CompareVerdict.NoChange, p50.Verdict);
        Assert.Contains("widened", CompareDocument.IntervalSource(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WithoutAHistory_KeepsTheBootstrapIntervalAndSaysSo()
    {
        using var temp = new TempDirectory();
        var baseline = temp.File("baseline");
        var current = temp.File("current");
        await CompareSamples.WriteStudyAsync(baseline, seed: 1);
        await CompareSamples.WriteStudyAsync(current, seed: 2, scale: 1.10);

        var outcome = await CompareService.RunAsync(new CompareRequest(baseline, current, 0.05, temp.File("out")), CancellationToken.None);

        var p50 = outcome.Comparison!.Rows.Single().Quantiles[0];
        Assert.Equal(CompareVerdict.Regression, p50.Verdict);
        Assert.Equal(p50.WithinRunLower, p50.Lower);
        Assert.Contains("two runs alone", CompareDocument.IntervalSource(outcome.Comparison), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AHistoryFileThatIsMissing_IsAProblemNamingIt()
    {
        using var temp = new TempDirectory();
        var baseline = temp.File("baseline");
        await CompareSamples.WriteStudyAsync(baseline, seed: 1);

        var outcome = await CompareService.RunAsync(new CompareRequest(baseline, baseline, 0.05, temp.File("out"), temp.File("nope.db")), CancellationToken.None);

        var problem = Assert.Single(outcome.Problems);
        Assert.Contains("nope.db: no history file", problem.Message, StringComparison.Ordinal);
    }
}
