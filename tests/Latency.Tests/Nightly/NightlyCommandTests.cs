using Latency.Bench.Application;
using Latency.Bench.Cli;
using Latency.Scenarios.Validation;
using Latency.Tests.History;

namespace Latency.Tests.Nightly;

public sealed class NightlyCommandTests
{
    [Fact]
    public async Task Nightly_WithAMissingSuiteABadBaselineAndABadTolerance_NamesEveryProblemAndExits2()
    {
        using var temp = new TempDirectory();
        var outDirectory = temp.File("night");

        var (code, _, error) = await HistoryCommandTests.Cli("nightly", temp.File("missing.yaml"), "--baseline", temp.File("no-run"),
            "--tolerance", "lots", "--history", temp.File("history.db"), "--out", outDirectory);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--tolerance: 'lots' is not a percentage", error, StringComparison.Ordinal);
        Assert.Contains("missing.yaml", error, StringComparison.Ordinal);
        Assert.Contains("--baseline: " + temp.File("no-run") + ": no such run directory", error, StringComparison.Ordinal);
        Assert.Contains("3 problem(s); nothing was run.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDirectory));
        Assert.False(File.Exists(temp.File("history.db")));
    }

    [Fact]
    public async Task Nightly_ABaselineFolderWithoutRunJson_IsBadInput()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("empty"));
        var suite = temp.File("suite.yaml", "version: 1\nname: s\nscenarios: []\n");

        var (code, _, error) = await HistoryCommandTests.Cli("nightly", suite, "--baseline", temp.File("empty"), "--out", temp.File("night"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--baseline: " + temp.File("empty") + ": not a run directory (no run.json)", error, StringComparison.Ordinal);
    }

    public static TheoryData<int[], int> Combinations => new()
    {
        { [], ExitCodes.Ok },
        { [ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok], ExitCodes.Ok },
        { [ExitCodes.Ok, ExitCodes.Ok, ExitCodes.ThresholdsFailed, ExitCodes.Ok], ExitCodes.ThresholdsFailed },
        // Could not judge (not comparable, history unreadable) is worse than a judged regression.
        { [ExitCodes.ThresholdsFailed, ExitCodes.BadInput, ExitCodes.ThresholdsFailed, ExitCodes.Ok], ExitCodes.BadInput },
        // A run that failed or was interrupted is the worst: nothing it measured can be trusted.
        { [ExitCodes.RunFailed, ExitCodes.BadInput, ExitCodes.Ok, ExitCodes.ThresholdsFailed], ExitCodes.RunFailed },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Worst_OfTheSteps_IsTheMostSevere(int[] codes, int expected) => Assert.Equal(expected, ExitCodes.Worst(codes));

    [Fact]
    public void Exit_OfANightWhoseHistoryCheckFoundASlowerLevelButTheRunPassed_Is1WithEachStepsCode()
    {
        var outcome = new NightlyOutcome
        {
            Request = new NightlyRequest { OutDirectory = "runs/n", HistoryFile = "h.db", Tolerance = 0.05 },
            History = new HistoryAddOutcome(),
            Compare = null,
            Check = new HistoryCheckOutcome
            {
                Changes = [new HistoryChange("s", "row", "p50", new Latency.History.HistoryRun
                {
                    Suite = "s", Machine = "m", StartedUtc = DateTimeOffset.UnixEpoch, Status = Latency.RunDirectory.RunStatus.Complete, RunDirectory = "r",
                }, 100, 130)],
            },
        };

        var exit = NightlyCommand.Exit(outcome, ExitCodes.Ok);

        Assert.Equal(ExitCodes.ThresholdsFailed, exit.Code);
        Assert.Equal([("run", 0), ("history", 0), ("compare", 0), ("check", 1)], exit.Steps);
        Assert.StartsWith("slower:", exit.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_OfAHistoryThatRefusedTheRun_Is2()
    {
        var outcome = new NightlyOutcome
        {
            Request = new NightlyRequest { OutDirectory = "runs/n", HistoryFile = "h.db", Tolerance = 0.05 },
            History = HistoryAddOutcome.Rejected(new ValidationError(null, "--history: not a history")),
        };

        Assert.Equal(ExitCodes.BadInput, NightlyCommand.Exit(outcome, ExitCodes.Ok).Code);
    }
}
