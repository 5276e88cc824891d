using Latency.Timing;

namespace Latency.Tests.Timing;

/// <summary>
/// The one schedule loop on a fake clock. After each advance the test waits until the loop waits on the clock again
/// (<see cref="SettlingFakeTime"/>), so it has done exactly what was due by then. No real time passes.
/// </summary>
public sealed class PacedLoopTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private readonly SettlingFakeTime _time = new();
    private readonly List<PacedHit> _hits = [];
    private readonly List<PacedHit> _dropped = [];

    /// <summary>Hit i due at i x <paramref name="every"/>, <paramref name="count"/> hits.</summary>
    private static Func<long, TimeSpan?> Every(TimeSpan every, long count) => i => i < count ? every * i : null;

    private long Ticks(TimeSpan span) => PacedLoop.ToTicks(span, _time.TimestampFrequency);

    private Task<PacedLoopResult> Start(long start, Func<long, TimeSpan?> pace, PacedLoopOptions? options = null, CancellationToken stop = default) =>
        PacedLoop.RunAsync(DueWait.OnThisThread(_time), start, pace, _hits.Add,
            (options ?? PacedLoopOptions.None) with { OnDropped = _dropped.Add }, stop).AsTask();

    [Fact]
    public async Task RunAsync_FakeClock_StartsTheKthHitAtItsDueTimeAndNotBefore()
    {
        var start = _time.GetTimestamp();
        var loop = Start(start, Every(100 * Ms, 4));

        Assert.Equal([0L], _hits.Select(h => h.Index)); // hit 0 is due at once
        await _time.AdvanceAsync(99 * Ms, 1, loop);
        Assert.Single(_hits);
        await _time.AdvanceAsync(1 * Ms, 1, loop);
        Assert.Equal(2, _hits.Count);
        await _time.AdvanceAsync(100 * Ms, 1, loop);
        Assert.Equal(3, _hits.Count);
        _time.Advance(100 * Ms);

        var result = await loop;
        Assert.Equal([0L, 100, 200, 300], _hits.Select(h => (h.DueTimestamp - start) / Ticks(Ms)));
        Assert.All(_hits, h => Assert.Equal(h.DueTimestamp, h.StartTimestamp));
        Assert.Equal(new PacedLoopResult(PacedLoopEnd.Exhausted, Started: 4, Dropped: 0, MaxLatenessTicks: 0), result);
    }

    [Fact]
    public async Task RunAsync_ClockJumpsPastSeveralDueTimes_StartsEachLateAndMeasuresFromItsDueTime()
    {
        var start = _time.GetTimestamp();
        var loop = Start(start, Every(100 * Ms, 3));

        // A stall: the loop's wait ends 250 ms in, when hits 1 and 2 were due at 100 and 200 ms.
        _time.Advance(250 * Ms);

        var result = await loop;
        Assert.Equal([0L, 150, 50], _hits.Select(h => h.LatenessTicks / Ticks(Ms)));
        Assert.Equal([0L, 100, 200], _hits.Select(h => (h.DueTimestamp - start) / Ticks(Ms)));
        Assert.Equal(Ticks(150 * Ms), result.MaxLatenessTicks);
        Assert.Equal(3, result.Started);
    }

    [Fact]
    public async Task RunAsync_HitsLaterThanMaxStartDelay_AreDroppedAndCountedNotStarted()
    {
        var start = _time.GetTimestamp();
        var loop = Start(start, Every(100 * Ms, 4), new PacedLoopOptions { MaxStartDelay = 100 * Ms });

        // Reached at 350 ms: hit 1 is 250 ms late and hit 2 150 ms (dropped), hit 3 50 ms (started late).
        _time.Advance(350 * Ms);

        var result = await loop;
        Assert.Equal([0L, 3], _hits.Select(h => h.Index));
        Assert.Equal([1L, 2], _dropped.Select(h => h.Index));
        Assert.Equal([250L, 150], _dropped.Select(h => h.LatenessTicks / Ticks(Ms)));
        Assert.Equal((2L, 2L, Ticks(50 * Ms)), (result.Started, result.Dropped, result.MaxLatenessTicks));
    }

    [Fact]
    public async Task RunAsync_ExactlyMaxStartDelayLate_StartsTheHit()
    {
        var loop = Start(_time.GetTimestamp(), Every(100 * Ms, 2), new PacedLoopOptions { MaxStartDelay = 100 * Ms });

        _time.Advance(200 * Ms);

        var result = await loop;
        Assert.Equal((2L, 0L), (result.Started, result.Dropped));
    }

    [Fact]
    public async Task RunAsync_Stopped_StartsNoHitAfterTheStopAndEndsWithoutWaitingForTheNextDueTime()
    {
        using var stop = new CancellationTokenSource();
        var loop = Start(_time.GetTimestamp(), Every(100 * Ms, 10), stop: stop.Token);
        await _time.AdvanceAsync(150 * Ms, 1, loop);

        await stop.CancelAsync();
        var result = await loop; // completes with the clock still at 150 ms
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([0L, 1], _hits.Select(h => h.Index));
        Assert.Equal((PacedLoopEnd.Stopped, 2L), (result.End, result.Started));
    }

    [Fact]
    public async Task RunAsync_StoppedBeforeTheFirstHit_StartsNothing()
    {
        var result = await Start(_time.GetTimestamp(), Every(100 * Ms, 10), stop: new CancellationToken(canceled: true));

        Assert.Empty(_hits);
        Assert.Equal(PacedLoopEnd.Stopped, result.End);
    }

    [Fact]
    public async Task RunAsync_EndTimestamp_IssuesNoHitDueAtOrAfterIt()
    {
        var start = _time.GetTimestamp();
        var loop = Start(start, Every(100 * Ms, 10), new PacedLoopOptions { EndTimestamp = start + Ticks(300 * Ms) });

        _time.Advance(TimeSpan.FromSeconds(1));

        var result = await loop;
        Assert.Equal([0L, 1, 2], _hits.Select(h => h.Index));
        Assert.Equal(PacedLoopEnd.Deadline, result.End);
    }

    [Fact]
    public async Task RunAsync_AdmitRefusesSomeHits_TheyAreNeitherStartedNorDropped()
    {
        var loop = Start(_time.GetTimestamp(), Every(10 * Ms, 6), new PacedLoopOptions { Admit = i => i % 2 == 1, MaxStartDelay = Ms });

        _time.Advance(100 * Ms); // every hit after the first is reached late: only admitted ones may be dropped

        var result = await loop;
        Assert.Empty(_hits);
        Assert.Equal([1L, 3, 5], _dropped.Select(h => h.Index));
        Assert.Equal((0L, 3L), (result.Started, result.Dropped));
    }

    [Fact]
    public async Task RunAsync_StartInThePast_CatchesUpAtOnceWithEachHitsLateness()
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        var start = _time.GetTimestamp() - Ticks(250 * Ms); // a session meant to start 250 ms ago (its arrival waited)

        var result = await Start(start, Every(100 * Ms, 3));

        Assert.Equal([250L, 150, 50], _hits.Select(h => h.LatenessTicks / Ticks(Ms)));
        Assert.Equal(PacedLoopEnd.Exhausted, result.End);
    }

    [Fact]
    public void DueWait_FakeClock_UsesTheClocksTimersAndTheSystemClockAPreciseWait()
    {
        Assert.IsType<TimerDueWait>(DueWait.OnThisThread(_time));
        Assert.IsType<TimerDueWait>(DueWait.Scheduled(_time));
        Assert.IsType<ThreadDueWait>(DueWait.OnThisThread(TimeProvider.System));
        Assert.IsType<ScheduledDueWait>(DueWait.Scheduled(TimeProvider.System));
    }
}
