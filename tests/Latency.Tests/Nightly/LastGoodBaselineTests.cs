using Latency.Bench.Application;
using Latency.History;
using Latency.RunDirectory;
using Latency.Tests.Reports;

namespace Latency.Tests.Nightly;

public sealed class LastGoodBaselineTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LastGood_IsTheLatestCompletePassingEarlierRunOfTheSameSuiteAndMachine_WithItsDirectory()
    {
        using var temp = new TempDirectory();
        var current = Run(temp, 7, day: 6, write: false);
        IReadOnlyList<HistoryRun> history =
        [
            await Written(Run(temp, 1, day: 0)),
            await Written(Run(temp, 2, day: 1) with { Machine = "probe-2" }),
            await Written(Run(temp, 3, day: 1) with { Suite = "other" }),
            await Written(Run(temp, 4, day: 2) with { Status = RunStatus.Partial }),
            await Written(Run(temp, 5, day: 3), thresholdPassed: false),
            Run(temp, 6, day: 4),
            current,
            await Written(Run(temp, 8, day: 7)),
        ];

        var choice = await LastGoodBaseline.ChooseAsync(history, current, CancellationToken.None);

        Assert.Equal(1, choice.HistoryRunId);
        Assert.Equal(history[0].RunDirectory, choice.Directory);
        Assert.StartsWith("run 1 (2026-12-01 02:00 UTC, commit 1234567)", choice.Name, StringComparison.Ordinal);
        Assert.Contains("run 6 has no run directory any more, run 5 failed 1 threshold(s), run 4 is partial", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastGood_WithoutAnEarlierRun_IsNoneAndSaysItIsTheFirstNight()
    {
        using var temp = new TempDirectory();
        var current = Run(temp, 1, day: 0, write: false);

        var choice = await LastGoodBaseline.ChooseAsync([current, await Written(Run(temp, 2, day: 1))], current, CancellationToken.None);

        Assert.Null(choice.Directory);
        Assert.Null(choice.HistoryRunId);
        Assert.Contains("the first night", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastGood_WhenEveryEarlierRunIsUnusable_IsNoneAndNamesThem()
    {
        using var temp = new TempDirectory();
        var current = Run(temp, 3, day: 2, write: false);

        var choice = await LastGoodBaseline.ChooseAsync([Run(temp, 1, day: 0), await Written(Run(temp, 2, day: 1), thresholdPassed: false), current],
            current, CancellationToken.None);

        Assert.Null(choice.Directory);
        Assert.Contains("run 2 failed 1 threshold(s), run 1 has no run directory any more", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastGood_RadioOnTonight_PassesOverRunsWithoutIt()
    {
        using var temp = new TempDirectory();
        var current = await Written(Run(temp, 3, day: 2), radio: "on");

        var choice = await LastGoodBaseline.ChooseAsync(
            [await Written(Run(temp, 1, day: 0), radio: "on"), await Written(Run(temp, 2, day: 1), radio: null), current], current, CancellationToken.None);

        Assert.Equal(1, choice.HistoryRunId);
        Assert.Contains("run 2 had the radio off, tonight's run has it on", choice.Reason, StringComparison.Ordinal);
    }

    private static HistoryRun Run(TempDirectory temp, long id, int day, bool write = true) => new()
    {
        Id = id,
        Suite = "handset",
        Machine = "probe-1",
        Commit = "1234567890abcdef",
        StartedUtc = Night.AddDays(day),
        Status = RunStatus.Complete,
        RunDirectory = temp.File($"run-{id}"),
    };

    /// <summary>Writes <paramref name="run"/>'s directory with one threshold, passed or not.</summary>
    private static async Task<HistoryRun> Written(HistoryRun run, bool thresholdPassed = true, string? radio = null)
    {
        var sample = ManifestSamples.Partial();
        await RunManifestFile.WriteAsync(run.RunDirectory, sample with
        {
            Status = RunStatus.Complete,
            Study = StudySamples.Study() with { Radio = radio },
            Scenarios = [sample.Scenarios[0] with { Thresholds = [new ThresholdResult { Text = "p95 < 300ms", Passed = thresholdPassed }] }],
        });
        return run;
    }
}
