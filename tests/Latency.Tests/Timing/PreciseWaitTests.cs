using System.Diagnostics;
using Latency.Timing;

namespace Latency.Tests.Timing;

[Collection(RealClock.Name)]
public sealed class PreciseWaitTests
{
    private static long In(TimeSpan span) => Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency);

    [Fact]
    public void Until_FutureTimestamp_ReturnsTrueAndNeverBeforeIt()
    {
        var due = In(TimeSpan.FromMilliseconds(3));

        Assert.True(PreciseWait.Until(due, CancellationToken.None));

        Assert.True(Stopwatch.GetTimestamp() >= due, "a precise wait must never end early");
    }

    [Fact]
    public void NanoSleep_Binding_SucceedsSoWaitsSleepInsteadOfSpinning()
    {
        // The harness runs on Linux (namespaces, TUN); a broken binding would turn every precise wait into a spin.
        Assert.Equal(0, TimingLibc.NanoSleep(Timespec.FromNanoseconds(10_000), 0));
    }

    [Fact]
    public void Until_Cancelled_ReturnsFalseWithoutWaiting()
    {
        Assert.False(PreciseWait.Until(In(TimeSpan.FromHours(1)), new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Until_CancelledWhileWaiting_ReturnsFalseBeforeTheDueTime()
    {
        using var stop = new CancellationTokenSource();
        var due = In(TimeSpan.FromHours(1));
        var wait = Task.Factory.StartNew(() => PreciseWait.Until(due, stop.Token), TaskCreationOptions.LongRunning);

        await stop.CancelAsync();

        Assert.False(await wait);
    }

    [Fact]
    public async Task Scheduler_WaitsQueuedOutOfOrder_ResumeInDueOrderAndNeverEarly()
    {
        var scheduler = new PreciseScheduler();
        // Started and compiled first, so the three waits are queued long before the first is due (50 ms: generous).
        await scheduler.WaitUntilAsync(In(TimeSpan.FromMilliseconds(1)), CancellationToken.None);
        var resumed = new List<(int Index, long At)>();
        var dues = new[] { In(TimeSpan.FromMilliseconds(150)), In(TimeSpan.FromMilliseconds(50)), In(TimeSpan.FromMilliseconds(100)) };

        await Task.WhenAll(dues.Select(async (due, index) =>
        {
            await scheduler.WaitUntilAsync(due, CancellationToken.None).ConfigureAwait(false);
            lock (resumed) resumed.Add((index, Stopwatch.GetTimestamp()));
        }));

        Assert.Equal([1, 2, 0], resumed.Select(r => r.Index));
        Assert.All(resumed, r => Assert.True(r.At >= dues[r.Index], $"wait {r.Index} resumed early"));
    }

    [Fact]
    public async Task Scheduler_Cancelled_TheWaitIsCancelled()
    {
        using var stop = new CancellationTokenSource();
        var wait = new PreciseScheduler().WaitUntilAsync(In(TimeSpan.FromHours(1)), stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task PacedLoop_SystemClock_StartsEveryHitAtOrAfterItsDueTimeInOrder()
    {
        var hits = new List<PacedHit>();
        var start = Stopwatch.GetTimestamp();

        var result = await Task.Factory.StartNew(() => PacedLoop.RunAsync(DueWait.OnThisThread(TimeProvider.System), start,
            i => i < 5 ? TimeSpan.FromMilliseconds(2 * i) : null, hits.Add, PacedLoopOptions.None, CancellationToken.None).AsTask(),
            TaskCreationOptions.LongRunning).Unwrap();

        Assert.Equal([0L, 1, 2, 3, 4], hits.Select(h => h.Index));
        Assert.All(hits, h => Assert.True(h.StartTimestamp >= h.DueTimestamp));
        Assert.Equal(PacedLoopEnd.Exhausted, result.End);
    }
}
