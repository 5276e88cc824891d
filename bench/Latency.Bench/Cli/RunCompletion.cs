using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.RunDirectory;
using Latency.Scenarios.Suites;

namespace Latency.Bench.Cli;

/// <summary>The end of every run, suite or study: thresholds, the final run.json, and the exit code.</summary>
public static class RunCompletion
{
    public static async Task<(RunManifest Manifest, IReadOnlyDictionary<string, IReadOnlyList<ThresholdEvaluation>> Thresholds)> CompleteAsync(
        RunDirectorySink sink, RunManifest started, EngineResult result, StudyInfo? study, HarnessInfo? harness)
    {
        var thresholds = result.Scenarios.ToDictionary(o => o.Props.Name, o => ThresholdChecks.Evaluate(o, result.Histograms));
        var manifest = RunManifestBuilder.Finished(started, result, thresholds) with { Study = study, Harness = harness };
        await sink.CompleteAsync(manifest, CancellationToken.None).ConfigureAwait(false);
        return (manifest, thresholds);
    }

    public static async Task<int> ExitCodeAsync(EngineResult result, IReadOnlyDictionary<string, IReadOnlyList<ThresholdEvaluation>> thresholds,
        string outDirectory, TextWriter error)
    {
        if (result.Status != RunStatus.Complete)
        {
            await error.WriteLineAsync($"latency: run {result.Status.ToString().ToLowerInvariant()}: {result.StatusReason}. " +
                                       $"What was recorded is in {outDirectory}.").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        var failed = thresholds.SelectMany(t => t.Value.Where(r => !r.Passed).Select(r => (Scenario: t.Key, Result: r))).ToList();
        if (failed.Count > 0)
        {
            // Each one by name: a nightly job's log must say what failed, not only how many.
            foreach (var (scenario, threshold) in failed)
            {
                await error.WriteLineAsync($"latency: threshold failed: {scenario}: {threshold.Description}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"latency: {failed.Count} threshold(s) failed.").ConfigureAwait(false);
            return ExitCodes.ThresholdsFailed;
        }

        return ExitCodes.Ok;
    }
}
