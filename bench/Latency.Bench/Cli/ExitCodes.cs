using Latency.Bench.Application;
using Latency.RunDirectory;

namespace Latency.Bench.Cli;

/// <summary>What <c>latency</c> returns, for scripts and nightly jobs (README: exit codes).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run finished but a threshold failed, or <c>latency compare</c> found a regression.</summary>
    public const int ThresholdsFailed = 1;

    /// <summary>The input was wrong (suite file, options): nothing ran.</summary>
    public const int BadInput = 2;

    /// <summary>The run could not be completed: it crashed, or was interrupted (its results are partial).</summary>
    public const int RunFailed = 3;

    /// <summary>The exit code of a run or study that ended with <paramref name="outcome"/>: bad input first, then an incomplete run, then thresholds.</summary>
    public static int For(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Problems.Count > 0 ? BadInput
            : outcome.Status != RunStatus.Complete ? RunFailed
            : outcome.FailedThresholds.Count > 0 ? ThresholdsFailed
            : Ok;
    }
}
