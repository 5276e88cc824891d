using HdrHistogram;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.RunDirectory;
using Latency.Tests.Timing;

namespace Latency.Tests.Load;

/// <summary>
/// The engine's open model on a fake clock: when arrivals start, which are dropped or late, and what a stop does.
/// Each step moves the clock, then waits until the engine waits on the clock again: the interval loop's timer, the
/// schedule's (during a phase) and one per iteration blocked on the clock. No real time passes and nothing is
/// measured on the wall clock.
/// </summary>
public sealed class LoadEngineFakeClockTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly SettlingFakeTime _time = new();
    private readonly MonotonicClock _clock;
    private readonly long _zero;

    public LoadEngineFakeClockTests()
    {
        _clock = new MonotonicClock(_time);
        _zero = _clock.Now;
    }

    private LoadEngine Engine() => new(new EngineOptions { Clock = _clock, GracefulStopTimeout = 3 * Second });

    private double MsSinceZero(long timestamp) => _clock.ToTimeSpan(timestamp - _zero).TotalMilliseconds;

    [Fact]
    public async Task OpenModel_TenPerSecond_EveryIterationStartsAtItsIntendedTime()
    {
        var starts = new List<(double Intended, double Started)>();
        var scenario = Scenario.Create("s", ctx =>
            {
                lock (starts) starts.Add((MsSinceZero(ctx.IntendedStart), MsSinceZero(_clock.Now)));
                return Task.FromResult(Response.Ok());
            })
            .WithLoadSimulations(Simulation.Inject(10, Second, Second));

        var run = Engine().RunAsync([scenario], CancellationToken.None);
        int Started() { lock (starts) return starts.Count; }
        for (var k = 1; k <= 10; k++)
        {
            // Settled: arrival k-1 ran and the schedule waits for the next one (or the phase's end).
            await _time.SettleAsync(() => Started() == k && _time.PendingTimers >= 2, run);
            Assert.Equal(k, Started());
            _time.Advance(100 * Ms);
        }

        var result = await run;

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (i * 100.0, i * 100.0)), starts);
        var counters = Assert.Single(result.Scenarios).Counters;
        Assert.Equal((10L, 10L, 10L, 0L, 0L), (counters.Intended, counters.Started, counters.Completed, counters.Late, counters.Dropped));
        Assert.Equal(RunStatus.Complete, result.Status);
    }

    [Fact]
    public async Task OpenModel_ArrivalsQueuedBeyondMaxStartDelay_AreDroppedAndTheLastLateOneStartsWithItsWaitCorrected()
    {
        // One worker, each iteration 1 s on the clock: arrivals at 100-900 ms queue behind the first. When it ends at
        // 1,000 ms those that waited more than 150 ms (100-800 ms) are dropped; the one due at 900 ms starts 100 ms
        // late (late: over 10 ms) and its corrected latency counts from 900 ms.
        var scenario = Scenario.Create("s", async ctx =>
            {
                await Task.Delay(Second, _time, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithMaxConcurrency(1)
            .WithMaxStartDelay(150 * Ms)
            .WithLoadSimulations(Simulation.Inject(10, Second, Second));

        var run = Engine().RunAsync([scenario], CancellationToken.None);
        await _time.SettleAsync(() => _time.PendingTimers >= 3, run); // interval loop, schedule, first iteration
        for (var step = 1; step < 10; step++)
        {
            await _time.AdvanceAsync(100 * Ms, 3, run);
        }

        await _time.AdvanceAsync(100 * Ms, 2, run); // 1,000 ms: the phase ends, the worker drops 8 and runs the 9th
        _time.Advance(Second);
        var result = await run;

        var counters = Assert.Single(result.Scenarios).Counters;
        Assert.Equal((10L, 8L, 2L, 2L, 1L), (counters.Intended, counters.Dropped, counters.Started, counters.Completed, counters.Late));
        var corrected = result.Histograms.Total(new MetricKey("s", MetricKey.IterationStep, MetricKinds.Corrected));
        var uncorrected = result.Histograms.Total(new MetricKey("s", MetricKey.IterationStep, MetricKinds.Uncorrected));
        Assert.Equal(corrected.HighestEquivalentValue(1_100_000), corrected.HighestEquivalentValue(corrected.GetMaxValue()));
        Assert.Equal(uncorrected.HighestEquivalentValue(1_000_000), uncorrected.HighestEquivalentValue(uncorrected.GetMaxValue()));
    }

    [Fact]
    public async Task Stop_NoArrivalAfterItQueuedOnesDroppedAndTheIterationInFlightInterruptedAfterTheGracePeriod()
    {
        var scenario = Scenario.Create("s", async ctx =>
            {
                await Task.Delay(10 * Second, _time, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithMaxConcurrency(1)
            .WithLoadSimulations(Simulation.Inject(10, Second, Second));

        using var stop = new CancellationTokenSource();
        var run = Engine().RunAsync([scenario], stop.Token);
        await _time.SettleAsync(() => _time.PendingTimers >= 3, run);
        await _time.AdvanceAsync(100 * Ms, 3, run);
        await _time.AdvanceAsync(100 * Ms, 3, run);
        await _time.AdvanceAsync(50 * Ms, 3, run);

        // At 250 ms: arrivals at 0 (running), 100 and 200 ms (queued). Cancel runs the grace timer's registration at once.
        stop.Cancel();
        await _time.AdvanceAsync(3 * Second - Ms, 3, run); // interval loop, iteration, grace period: not ended yet
        Assert.False(run.IsCompleted, "iterations in flight get the whole grace period");
        _time.Advance(Ms);
        var result = await run;

        var counters = Assert.Single(result.Scenarios).Counters;
        Assert.Equal((3L, 1L, 2L), (counters.Intended, counters.Started, counters.Dropped));
        Assert.Equal((1L, 1L), (counters.Completed, counters.Failed));
        Assert.Equal(new Dictionary<string, long> { [ErrorKinds.Interrupted] = 1 }, counters.Errors.Snapshot());
        Assert.Equal(0, result.Histograms.Total(new MetricKey("s", MetricKey.IterationStep, MetricKinds.Corrected)).TotalCount);
        Assert.Equal(RunStatus.Partial, result.Status);
    }

    /// <summary>An open phase's arrivals the filter refuses are neither run nor counted (adaptive sampling thins this way).</summary>
    [Fact]
    public async Task ArrivalFilter_RefusedArrivalsAreNotIssued()
    {
        var asked = new List<long>();
        var scenario = Scenario.Create("s", _ => Task.FromResult(Response.Ok()))
            .WithArrivalFilter(index =>
            {
                lock (asked) asked.Add(index);
                return index % 4 == 0;
            })
            .WithLoadSimulations(Simulation.Inject(40, Second, Second));

        var run = Engine().RunAsync([scenario], CancellationToken.None);
        await _time.SettleAsync(() => _time.PendingTimers >= 2, run);
        while (!run.IsCompleted)
        {
            await _time.AdvanceAsync(Ms, 2, run); // interval loop and schedule
        }

        var result = await run;

        var counters = Assert.Single(result.Scenarios).Counters;
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), asked);
        Assert.Equal((10, 10, 10), (counters.Intended, counters.Started, counters.Completed));
    }
}
