using Latency.Bench.Http;
using Latency.Bench.Recording;
using Latency.Scenarios.Workloads;

namespace Latency.Bench.Replay;

/// <summary>
/// Replays one session of a <see cref="ReplaySchedule"/>: each request is sent at the session's start plus its due
/// time, without waiting for earlier responses (requests overlap as they did in the capture), and measured from that
/// intended time. On the system clock a dedicated thread waits with the engine's <see cref="Load.PreciseWait"/> (sleep,
/// then spin for the last half millisecond); with another <see cref="TimeProvider"/> (tests) it waits on that
/// provider's timers.
/// </summary>
public sealed class ReplayRunner(HandsetHttpClient client, Func<WorkloadRequest, Uri> resolve, MonotonicClock? clock = null)
{
    private readonly MonotonicClock _clock = clock ?? MonotonicClock.System;

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs the session now and returns every request's outcome, in schedule order.</summary>
    public async Task<IReadOnlyList<ReplayOutcome>> RunAsync(ReplaySchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (!ReferenceEquals(_clock.TimeProvider, TimeProvider.System))
        {
            return await Task.WhenAll(await ScheduleWithTimersAsync(schedule, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        // On the real clock the schedule runs on its own thread, which sleeps and then spins: Task.Delay continuations
        // were measured 40-600 ms late here in a test process (2 cores), while a dedicated thread woke on time
        // (DESIGN.md: the emulator releases packets the same way).
        var started = new TaskCompletionSource<List<Task<ReplayOutcome>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                started.SetResult(ScheduleOnThisThread(schedule, cancellationToken));
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "latency replay",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return await Task.WhenAll(await started.Task.ConfigureAwait(false)).ConfigureAwait(false);
    }

    private List<Task<ReplayOutcome>> ScheduleOnThisThread(ReplaySchedule schedule, CancellationToken cancellationToken)
    {
        var start = _clock.Now;
        var inFlight = new List<Task<ReplayOutcome>>(schedule.Items.Count);
        for (var issued = 0; ; issued++)
        {
            var decision = schedule.Next(_clock.ToTimeSpan(_clock.Now - start), issued);
            if (decision.Stop)
            {
                return inFlight;
            }

            var due = start + _clock.FromTimeSpan(decision.Due);
            if (!Load.PreciseWait.Until(due, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            inFlight.Add(SendAsync(schedule.Items[issued], start, cancellationToken));
        }
    }

    private async Task<List<Task<ReplayOutcome>>> ScheduleWithTimersAsync(ReplaySchedule schedule, CancellationToken cancellationToken)
    {
        var start = _clock.Now;
        var inFlight = new List<Task<ReplayOutcome>>(schedule.Items.Count);
        for (var issued = 0; ; issued++)
        {
            var decision = schedule.Next(_clock.ToTimeSpan(_clock.Now - start), issued);
            if (decision.Stop)
            {
                return inFlight;
            }

            if (decision.Wait > TimeSpan.Zero)
            {
                await Task.Delay(decision.Wait, _clock.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            inFlight.Add(SendAsync(schedule.Items[issued], start, cancellationToken));
        }
    }

    private async Task<ReplayOutcome> SendAsync(ReplayItem item, long start, CancellationToken cancellationToken)
    {
        var request = item.Request;
        // Taken before the client's first await: the send time is when the request left the schedule.
        var sent = _clock.Now;
        var response = await client.SendAsync(new HttpMethod(request.Method), resolve(request), request.InstructionHeaders(), request.RequestBytes,
            Timeout, cancellationToken).ConfigureAwait(false);
        var ended = _clock.Now;
        return new ReplayOutcome(item, _clock.ToTimeSpan(sent - start), _clock.ToTimeSpan(ended - start), response);
    }
}
