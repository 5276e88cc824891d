using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Latency.Bench.Recording;
using Latency.Scenarios.Load;
using Latency.Timing;

namespace Latency.Bench.Load;

/// <summary>
/// Runs one scenario's timeline. Open phases: one scheduler issues arrivals at their intended times into a queue
/// that <see cref="ScenarioProps.MaxConcurrency"/> workers take from; an arrival that waits for a worker keeps its
/// intended start, so the wait shows in the corrected latency (wrk2's method) and is never absorbed. Closed phases:
/// copies run iterations back to back.
/// </summary>
internal sealed class ScenarioRunner
{
    private readonly ScenarioProps _props;
    private readonly LoadTimeline _timeline;
    private readonly LatencyRecorders _recorders;
    private readonly MonotonicClock _clock;
    private readonly long _lateTicks;
    private readonly long _maxStartDelayTicks;
    private IReadOnlyDictionary<string, object> _scenarioData = new Dictionary<string, object>();
    private long _invocations;

    public ScenarioRunner(ScenarioProps props, LoadTimeline timeline, LatencyRecorders recorders, MonotonicClock clock)
    {
        _props = props;
        _timeline = timeline;
        _recorders = recorders;
        _clock = clock;
        _lateTicks = clock.FromTimeSpan(ScenarioCounters.LateThreshold);
        _maxStartDelayTicks = clock.FromTimeSpan(props.MaxStartDelay);
        Counters = new ScenarioCounters(props.Name, recorders);
    }

    public ScenarioProps Props => _props;

    public LoadTimeline Timeline => _timeline;

    public ScenarioCounters Counters { get; }

    /// <summary>Iterations per second the timeline plans on average (open model), for progress.</summary>
    public double? TargetRate =>
        _timeline.IsOpenModel && _timeline.PlannedDuration is { TotalSeconds: > 0 } d ? _timeline.PlannedArrivals / d.TotalSeconds : null;

    public async Task RunAsync(RunControl control)
    {
        var init = new ScenarioInitContext(_props.Name, control.Aborted);
        if (_props.Init is not null)
        {
            await _props.Init(init).ConfigureAwait(false);
        }

        _scenarioData = init.Data;
        try
        {
            var warmUpUntil = _clock.Now + _clock.FromTimeSpan(_props.WarmUpIterationsLimit);
            for (var i = 0; i < _props.WarmUpIterations && !control.Stopping.IsCancellationRequested && _clock.Now < warmUpUntil
                            && !PastDeadline(control, _clock.Now); i++)
            {
                await RunIterationAsync(_clock.Now, control, recording: false).ConfigureAwait(false);
            }

            if (_props.WarmUpDuration > TimeSpan.Zero && !control.Stopping.IsCancellationRequested)
            {
                var warmUpEnd = _clock.Now + _clock.FromTimeSpan(_props.WarmUpDuration);
                var deadline = control.DeadlineTimestamp is { } d ? Math.Min(d, warmUpEnd) : warmUpEnd;
                await RunTimelineAsync(control with { DeadlineTimestamp = deadline }, recording: false).ConfigureAwait(false);
            }

            await RunTimelineAsync(control, recording: true).ConfigureAwait(false);
        }
        finally
        {
            if (_props.Clean is not null)
            {
                await _props.Clean(init).ConfigureAwait(false);
            }
        }
    }

    private async Task RunTimelineAsync(RunControl control, bool recording)
    {
        var channel = Channel.CreateUnbounded<Arrival>(new UnboundedChannelOptions { SingleWriter = true });
        Task[] workers = [];
        if (_timeline.IsOpenModel)
        {
            workers = new Task[_props.MaxConcurrency];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(() => WorkerAsync(channel.Reader, control, recording));
            }
        }

        try
        {
            foreach (var phase in _timeline.Phases)
            {
                if (control.Stopping.IsCancellationRequested || PastDeadline(control, _clock.Now))
                {
                    break;
                }

                if (phase.IsOpen)
                {
                    await ScheduleOpenPhaseAsync(phase, channel.Writer, control, recording).ConfigureAwait(false);
                }
                else if (phase.IsPause)
                {
                    await DueWait.Timers(_clock.TimeProvider).UntilAsync(PhaseEnd(phase, _clock.Now, control), control.Stopping).ConfigureAwait(false);
                }
                else
                {
                    await RunClosedPhaseAsync(phase, control, recording).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            channel.Writer.Complete();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
    }

    private Task ScheduleOpenPhaseAsync(TimelinePhase phase, ChannelWriter<Arrival> writer, RunControl control, bool recording) =>
        // The schedule runs on a thread of its own, which the precise wait blocks on the system clock; with a test's
        // fake TimeProvider the loop awaits that provider's timers instead (DueWait.OnThisThread).
        Task.Factory.StartNew(() => ScheduleAsync(phase, writer, control, recording),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task ScheduleAsync(TimelinePhase phase, ChannelWriter<Arrival> writer, RunControl control, bool recording)
    {
        var wait = DueWait.OnThisThread(_clock.TimeProvider);
        var phaseStart = _clock.Now;
        var options = new PacedLoopOptions
        {
            EndTimestamp = control.DeadlineTimestamp,
            // The scheduler itself stalled past max_start_delay: the arrival is dropped, as a worker drops one that
            // waited that long in the queue.
            MaxStartDelay = _props.MaxStartDelay,
            Admit = _props.ArrivalFilter,
            OnDropped = _ => CountIntended(recording, dropped: true),
        };
        var result = await PacedLoop.RunAsync(wait, phaseStart, phase.Pacer!.DueTime, hit =>
        {
            CountIntended(recording, dropped: false);
            writer.TryWrite(new Arrival(hit.DueTimestamp));
        }, options, control.Stopping).ConfigureAwait(false);

        if (result.End == PacedLoopEnd.Exhausted)
        {
            // The phase lasts its full duration even when its last arrival is due earlier.
            await wait.UntilAsync(PhaseEnd(phase, phaseStart, control), control.Stopping).ConfigureAwait(false);
        }
    }

    private void CountIntended(bool recording, bool dropped)
    {
        if (!recording)
        {
            return;
        }

        Counters.CountIntended();
        if (dropped)
        {
            Counters.CountDropped();
        }
    }

    private async Task WorkerAsync(ChannelReader<Arrival> reader, RunControl control, bool recording)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var arrival))
            {
                if (control.Stopping.IsCancellationRequested || _clock.Now - arrival.IntendedTimestamp > _maxStartDelayTicks)
                {
                    // Already counted as intended when it was scheduled.
                    if (recording)
                    {
                        Counters.CountDropped();
                    }

                    continue;
                }

                await RunIterationAsync(arrival.IntendedTimestamp, control, recording).ConfigureAwait(false);
            }
        }
    }

    private async Task RunClosedPhaseAsync(TimelinePhase phase, RunControl control, bool recording)
    {
        var phaseStart = _clock.Now;
        var end = PhaseEnd(phase, phaseStart, control);
        var budget = phase.IterationBudget ?? long.MaxValue;
        var coarse = DueWait.Timers(_clock.TimeProvider); // a ramp looks again every 20 ms: a timer's precision is enough
        var copies = new Task[phase.MaxCopies];
        for (var i = 0; i < copies.Length; i++)
        {
            var copy = i;
            copies[i] = Task.Run(async () =>
            {
                while (!control.Stopping.IsCancellationRequested)
                {
                    var now = _clock.Now;
                    if (now >= end)
                    {
                        return;
                    }

                    if (copy >= phase.CopiesAt(_clock.ToTimeSpan(now - phaseStart)))
                    {
                        // A ramp has not reached this copy yet: look again shortly.
                        var next = Math.Min(end, now + _clock.FromTimeSpan(TimeSpan.FromMilliseconds(20)));
                        await coarse.UntilAsync(next, control.Stopping).ConfigureAwait(false);
                        continue;
                    }

                    if (Interlocked.Decrement(ref budget) < 0)
                    {
                        return;
                    }

                    if (recording)
                    {
                        Counters.CountIntended();
                    }

                    // Closed model: the next iteration is meant to start when the previous one ends.
                    await RunIterationAsync(now, control, recording).ConfigureAwait(false);
                }
            });
        }

        await Task.WhenAll(copies).ConfigureAwait(false);
    }

    // A pooled ValueTask: every caller awaits it at once, so its state machine can be reused instead of a new Task
    // per iteration (~180 B of the ~2.9 KB a max-rate request allocated, issue 17).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunIterationAsync(long intended, RunControl control, bool recording)
    {
        var start = _clock.Now;
        if (recording)
        {
            Counters.CountStarted(start - intended > _lateTicks);
        }

        var context = new ScenarioContext(_props.Name, Interlocked.Increment(ref _invocations) - 1, _scenarioData, Counters,
            _recorders, _clock, recording, control.Aborted, intended);
        Response response;
        try
        {
            response = await _props.Run(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (control.Aborted.IsCancellationRequested)
        {
            response = Response.Fail(ErrorKinds.Interrupted, "the run stopped before this iteration finished");
        }
        catch (Exception ex)
        {
            response = Response.Fail(ErrorKinds.FromException(ex), ex.Message);
        }

        var end = _clock.Now;
        if (!recording)
        {
            return;
        }

        // An iteration cut short by the stop has no meaningful latency; it is counted as interrupted only.
        if (response.ErrorKind != ErrorKinds.Interrupted)
        {
            _recorders.Record(Counters.CorrectedMetric, _clock.ToMicroseconds(end - intended));
            _recorders.Record(Counters.UncorrectedMetric, _clock.ToMicroseconds(end - start));
        }

        Counters.CountCompleted(response.IsError, response.ErrorKind);
    }

    private long PhaseEnd(TimelinePhase phase, long phaseStart, RunControl control)
    {
        var end = phase.Duration is { } d ? phaseStart + _clock.FromTimeSpan(d) : long.MaxValue;
        return control.DeadlineTimestamp is { } deadline ? Math.Min(end, deadline) : end;
    }

    private static bool PastDeadline(RunControl control, long timestamp) =>
        control.DeadlineTimestamp is { } deadline && timestamp >= deadline;

    private readonly record struct Arrival(long IntendedTimestamp);
}
