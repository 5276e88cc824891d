using HdrHistogram;
using Latency.Bench.Harness;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.RunDirectory;

namespace Latency.Bench.Application;

/// <summary>
/// What every run does, suite or study, written once: run.json started, a run-directory sink, the engine with
/// progress to the observer, the harness watched, thresholds evaluated, run.json finished.
/// </summary>
internal static class EngineRun
{
    /// <summary>Runs <paramref name="spec"/>'s planned scenarios into its run directory and returns what was measured.</summary>
    /// <param name="spec">What to run, where to write, and what else to feed or run alongside.</param>
    /// <param name="observer">Receives progress and watches the run.</param>
    /// <param name="stop">Stops the run gracefully (Ctrl-C): what was recorded is kept, marked partial.</param>
    public static async Task<RunMeasurement> RunAsync(EngineRunSpec spec, IRunObserver observer, CancellationToken stop)
    {
        var started = RunManifestBuilder.Started(spec.Suite, RunManifestBuilder.Environment(spec.Backend), DateTimeOffset.UtcNow);
        await using var sink = await RunDirectorySink.CreateAsync(spec.OutDirectory, started, CancellationToken.None, spec.MirrorLog).ConfigureAwait(false);
        Action<IReadOnlyList<(MetricKey Key, HistogramBase Interval)>> onInterval = spec.AlsoOnInterval is { } also
            ? intervals =>
            {
                sink.Append(intervals);
                also(intervals);
            }
            : sink.Append;
        var engine = new LoadEngine(new EngineOptions
        {
            DurationLimit = spec.DurationLimit,
            OnInterval = onInterval,
            OnProgress = observer.Progress,
        });
        if (spec.BeforeStart is { } beforeStart)
        {
            // As late as can be: what is left before the engine's clock starts is the engine's own setup.
            await beforeStart(stop).ConfigureAwait(false);
        }

        using var harness = HarnessWatch.Start(spec.WorldDirectory, spec.World);
        // A recording failure (a full disk) stops the run like Ctrl-C, at once: load nobody records is wasted.
        using var stopOrFailed = CancellationTokenSource.CreateLinkedTokenSource(stop, sink.Failed);
        var run = engine.RunAsync(spec.Scenarios, stopOrFailed.Token);
        using var alongsideStop = new CancellationTokenSource();
        var alongside = spec.Alongside?.Invoke(alongsideStop.Token) ?? Task.CompletedTask;
        await observer.WatchAsync(run).ConfigureAwait(false);
        var result = await run.ConfigureAwait(false);
        await alongsideStop.CancelAsync().ConfigureAwait(false);
        await alongside.ConfigureAwait(false);

        var harnessInfo = await harness.StopAsync(result.EndedUtc).ConfigureAwait(false);
        var thresholds = result.Scenarios.ToDictionary(o => o.Props.Name, o => ThresholdChecks.Evaluate(o, result.Histograms));
        var manifest = RunManifestBuilder.Finished(started, result, thresholds) with
        {
            Study = spec.Study is { } study && spec.CompleteStudy is { } complete ? complete(study) : spec.Study,
            Harness = harnessInfo,
        };
        if (spec.CompleteManifest is { } completeManifest)
        {
            manifest = completeManifest(manifest);
        }

        if (sink.Failure is { } failure)
        {
            manifest = manifest with
            {
                Status = RunStatus.Failed,
                StatusReason = $"recording failed: {failure.Message}; the run stopped at once, the intervals written before are kept",
            };
        }

        var fallback = started with { EndedUtc = manifest.EndedUtc, Status = manifest.Status, StatusReason = manifest.StatusReason };
        await sink.CompleteAsync(manifest, fallback, CancellationToken.None).ConfigureAwait(false);
        return new RunMeasurement(result, manifest, thresholds);
    }
}
