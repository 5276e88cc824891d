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

    /// <summary>The exit code of adding a run to the history: bad input when it was refused (<c>history add</c>'s).</summary>
    public static int For(HistoryAddOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Problems.Count > 0 ? BadInput : Ok;
    }

    /// <summary>The exit code of a comparison (<c>latency compare</c>'s): not comparable, then a regression.</summary>
    public static int For(CompareOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Problems.Count > 0 ? BadInput : outcome.Comparison is { HasRegression: true } ? ThresholdsFailed : Ok;
    }

    /// <summary>The exit code of a history check (<c>latency history check</c>'s): unreadable, then a new slower level.</summary>
    public static int For(HistoryCheckOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Problems.Count > 0 ? BadInput : outcome.Changes.Count > 0 ? ThresholdsFailed : Ok;
    }

    /// <summary>
    /// The worst of several steps' codes, for a job that runs them all (<c>latency nightly</c>). The codes are ordered
    /// by how much is left unknown: a run that failed (3) measured nothing to trust; bad input (2) means a step could
    /// not judge at all (runs not comparable, a history that cannot be read); a regression or failed threshold (1) is a
    /// judgment; 0 is all well. So the worst is the highest.
    /// </summary>
    public static int Worst(IEnumerable<int> codes) => codes.DefaultIfEmpty(Ok).Max();

    /// <summary>What <paramref name="code"/> means for a nightly, in a sentence (the summary page shows it).</summary>
    public static string NightlyMeaning(int code) => code switch
    {
        Ok => "all well: the run completed and passed its thresholds, no regression against the baseline, no new slower level in the history.",
        ThresholdsFailed => "slower: a threshold failed, the comparison found a regression, or the history check found a new, slower level.",
        BadInput => "could not judge: the run could not be added to the history, the baseline is not comparable, or the history cannot be read.",
        RunFailed => "the run failed or was interrupted (its results are partial and were not judged), or its metrics could not be published.",
        _ => "unknown.",
    };
}
