using Latency.Bench.Http;
using Latency.Bench.Recording;
using Latency.Scenarios.Workloads;
using Latency.Timing;

namespace Latency.Bench.Replay;

/// <summary>
/// Replays one session of a <see cref="ReplaySchedule"/>: each request is sent at the session's start plus its due
/// time, without waiting for earlier responses (requests overlap as they did in the capture), and measured from that
/// intended time. The schedule is the one <see cref="PacedLoop"/>, waiting on the <see cref="PreciseScheduler"/> as a
/// study's sessions do; with another <see cref="TimeProvider"/> (tests) it waits on that provider's timers.
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
        // The one precise scheduler (a dedicated thread that sleeps, then spins; Task.Delay continuations were measured
        // 40-600 ms late here in a test process on 2 cores). Each request is sent from the scheduler's thread as soon
        // as its wait ends, before the next wait is queued.
        var inFlight = new List<Task<ReplayOutcome>>(schedule.Items.Count);
        var start = _clock.Now;
        await PacedLoop.RunAsync(DueWait.Scheduled(_clock.TimeProvider), start, schedule.DueTime,
            hit => inFlight.Add(SendAsync(schedule.Items[(int)hit.Index], start, cancellationToken)), PacedLoopOptions.None, cancellationToken)
            .ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return await Task.WhenAll(inFlight).ConfigureAwait(false);
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
