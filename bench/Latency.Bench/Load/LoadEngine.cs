using Latency.Timing;
using Latency.RunDirectory;
using System.Text.RegularExpressions;
using Latency.Bench.Recording;
using Latency.Scenarios.Load;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Load;

/// <summary>
/// Runs scenarios side by side, takes an interval snapshot of every recorder each <see cref="EngineOptions.Interval"/>,
/// and stops gracefully on request: scheduling ends, iterations in flight get a grace period, and whatever was
/// recorded is returned with status <see cref="RunStatus.Partial"/>.
/// </summary>
public sealed partial class LoadEngine(EngineOptions options)
{
    /// <summary>Scenario names become file names and HdrHistogram tags: no separators, commas or white space.</summary>
    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex NamePattern();

    /// <summary>Checks every scenario and returns every problem; compiles timelines when there is none.</summary>
    public static (IReadOnlyList<(ScenarioProps Props, LoadTimeline Timeline)> Plans, IReadOnlyList<ValidationError> Errors) Plan(
        IReadOnlyList<ScenarioProps> scenarios)
    {
        var errors = new List<ValidationError>();
        var plans = new List<(ScenarioProps, LoadTimeline)>();
        if (scenarios.Count == 0)
        {
            errors.Add(new ValidationError(null, "no scenario to run"));
        }

        foreach (var duplicate in scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            errors.Add(new ValidationError(null, $"scenario name '{duplicate.Key}' is used {duplicate.Count()} times"));
        }

        foreach (var scenario in scenarios)
        {
            if (!NamePattern().IsMatch(scenario.Name))
            {
                errors.Add(new ValidationError(null, $"scenario '{scenario.Name}': name may hold only letters, digits, '_', '.' and '-'"));
            }

            if (scenario.MaxConcurrency <= 0)
            {
                errors.Add(new ValidationError(null, $"scenario '{scenario.Name}': max concurrency must be > 0"));
            }

            if (scenario.MaxStartDelay <= TimeSpan.Zero)
            {
                errors.Add(new ValidationError(null, $"scenario '{scenario.Name}': max start delay must be > 0"));
            }

            errors.AddRange(ThresholdChecks.Problems(scenario).Select(message => new ValidationError(null, message)));
            var (timeline, problems) = LoadTimeline.Compile(scenario.LoadSimulations, scenario.Seed);
            foreach (var problem in problems)
            {
                var where = problem.Index >= 0 ? $"load simulation #{problem.Index + 1}: " : string.Empty;
                errors.Add(new ValidationError(null, $"scenario '{scenario.Name}': {where}{problem.Message}"));
            }

            if (timeline is not null)
            {
                plans.Add((scenario, timeline));
            }
        }

        return (plans, errors);
    }

    /// <summary>
    /// Runs the scenarios until their timelines end, the duration limit passes, or <paramref name="stop"/> fires.
    /// Throws <see cref="InputValidationException"/> before starting when any scenario is invalid.
    /// </summary>
    public Task<EngineResult> RunAsync(IReadOnlyList<ScenarioProps> scenarios, CancellationToken stop)
    {
        var (plans, errors) = Plan(scenarios);
        return errors.Count > 0 ? Task.FromException<EngineResult>(new InputValidationException(errors)) : RunAsync(plans, stop);
    }

    /// <summary>
    /// Runs scenarios already checked and compiled by <see cref="Plan"/>, so a caller that validated its input
    /// first (the application layer) does not plan twice.
    /// </summary>
    /// <param name="plans">The scenarios and their timelines, as <see cref="Plan"/> returned them without errors.</param>
    /// <param name="stop">Ends scheduling; iterations in flight get the graceful-stop period.</param>
    public async Task<EngineResult> RunAsync(IReadOnlyList<(ScenarioProps Props, LoadTimeline Timeline)> plans, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ThreadPoolHeadroom.Ensure(); // a load generator owns its process, so it sets the floor
        var clock = options.Clock;
        var recorders = new LatencyRecorders();
        var collector = new IntervalCollector(recorders, clock);
        var runners = plans.Select(p => new ScenarioRunner(p.Props, p.Timeline, recorders, clock)).ToList();
        var started = clock.Now;
        var startedUtc = clock.ToWallTime(started);
        long? deadline = options.DurationLimit is { } limit ? started + clock.FromTimeSpan(limit) : null;

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        // On the engine's clock, so a test's fake clock decides when the grace period ends.
        using var aborted = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock.TimeProvider);
        // A stop request gives iterations in flight a grace period, then cancels them.
        await using var onStop = stop.Register(() => aborted.CancelAfter(options.GracefulStopTimeout));
        var control = new RunControl(stopping.Token, aborted.Token, deadline);

        var planned = PlannedDuration(runners, options.DurationLimit);
        using var intervalsDone = new CancellationTokenSource();
        var intervalLoop = IntervalLoopAsync(collector, runners, started, planned, intervalsDone.Token);
        Exception? failure = null;
        try
        {
            await Task.WhenAll(runners.Select(r => Task.Run(() => r.RunAsync(control)))).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await intervalsDone.CancelAsync().ConfigureAwait(false);
            await intervalLoop.ConfigureAwait(false);
            Publish(collector, collector.Collect(), runners, started, planned);
        }

        var (status, reason) = failure is not null
            ? (RunStatus.Failed, $"{failure.GetType().Name}: {failure.Message}")
            : stop.IsCancellationRequested
                ? (RunStatus.Partial, "interrupted: stopped before the planned end")
                : (RunStatus.Complete, (string?)null);
        var outcomes = runners.Select(r => new ScenarioOutcome(r.Props, r.Timeline, r.Counters)).ToList();
        return new EngineResult(startedUtc, clock.ToWallTime(clock.Now), status, reason, outcomes, collector);
    }

    private async Task IntervalLoopAsync(IntervalCollector collector, IReadOnlyList<ScenarioRunner> runners, long started,
        TimeSpan? planned, CancellationToken done)
    {
        var clock = options.Clock;
        var next = started;
        var step = clock.FromTimeSpan(options.Interval);
        while (!done.IsCancellationRequested)
        {
            next += step;
            var wait = clock.ToTimeSpan(next - clock.Now);
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock.TimeProvider, done).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Publish(collector, collector.Collect(), runners, started, planned);
        }
    }

    private void Publish(IntervalCollector collector, IReadOnlyList<(MetricKey Key, HdrHistogram.HistogramBase Interval)> intervals,
        IReadOnlyList<ScenarioRunner> runners, long started, TimeSpan? planned)
    {
        if (intervals.Count > 0)
        {
            options.OnInterval?.Invoke(intervals);
        }

        if (options.OnProgress is null)
        {
            return;
        }

        var clock = options.Clock;
        var elapsed = clock.ToTimeSpan(clock.Now - started);
        var scenarios = runners.Select(r =>
        {
            var counters = r.Counters;
            // Collector totals are complete up to the last interval: good enough for a live view.
            var corrected = new MetricKey(r.Props.Name, MetricKey.IterationStep, MetricKinds.Corrected);
            return new ScenarioProgress(r.Props.Name, r.TargetRate,
                elapsed.TotalSeconds > 0 ? counters.Started / elapsed.TotalSeconds : 0,
                counters.Completed, counters.Failed, counters.Dropped,
                collector.ValueAtPercentile(corrected, 50),
                collector.ValueAtPercentile(corrected, 99));
        }).ToList();
        options.OnProgress(new EngineProgress(elapsed, planned, scenarios));
    }

    private static TimeSpan? PlannedDuration(IReadOnlyList<ScenarioRunner> runners, TimeSpan? limit)
    {
        var durations = runners.Select(r => r.Timeline.PlannedDuration + r.Props.WarmUpDuration).ToList();
        TimeSpan? longest = durations.All(d => d is not null) ? durations.Max() : null;
        return limit is { } l ? (longest is { } p && p < l ? p : l) : longest;
    }
}
