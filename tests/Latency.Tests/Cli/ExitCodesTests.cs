using Latency.Bench.Application;
using Latency.Bench.Cli;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;
using Xunit;

namespace Latency.Tests.Cli;

public sealed class ExitCodesTests
{
    private static readonly FailedThreshold Failed = new("s", "p50 < 1ms: observed 3ms");

    public static TheoryData<RunOutcome, int> Outcomes => new()
    {
        { RunOutcome.Rejected([new ValidationError(null, "--rate: must be > 0")]), ExitCodes.BadInput },
        { new RunOutcome { RunDirectory = "r", Status = RunStatus.Complete }, ExitCodes.Ok },
        { new RunOutcome { RunDirectory = "r", Status = RunStatus.Complete, FailedThresholds = [Failed] }, ExitCodes.ThresholdsFailed },
        // An interrupted run's thresholds saw part of the run: the interruption is what the exit code says.
        { new RunOutcome { RunDirectory = "r", Status = RunStatus.Partial, FailedThresholds = [Failed] }, ExitCodes.RunFailed },
        { new RunOutcome { RunDirectory = "r", Status = RunStatus.Failed }, ExitCodes.RunFailed },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void For_Outcome_MapsFactsToTheDocumentedCode(RunOutcome outcome, int expected) =>
        Assert.Equal(expected, ExitCodes.For(outcome));
}
