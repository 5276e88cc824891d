using Latency.Bench.Harness;
using Latency.RunDirectory;
using Latency.World.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Latency.Tests.Harness;

public class EmulatorLatenessWindowTests
{
    private static readonly DateTimeOffset WorldUp = new(2025, 6, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Statistics as the network process writes them: cumulative buckets [us, count].</summary>
    private static EmulatorLateness Stats(int secondsAfterUp, long forwarded, params (long Us, long Count)[] buckets)
    {
        var histogram = EmulatorLateness.NewHistogram();
        foreach (var (us, count) in buckets)
        {
            histogram.RecordValueWithCount(us, count);
        }

        return new EmulatorLateness(WorldUp.AddSeconds(secondsAfterUp), forwarded, 0,
            histogram.RecordedValues().Select(b => new[] { b.ValueIteratedTo, b.CountAtValueIteratedTo }).ToList());
    }

    // Calibration before the run: 1000 packets, 10 of them 5 ms late. The run: 10,000 packets, 1% at 900 us or more.
    private static readonly EmulatorLateness BeforeRun = Stats(10, 1000, (20, 990), (5000, 10));

    private static readonly EmulatorLateness AfterRun = Stats(80, 11_000, (20, 990 + 9_800), (900, 100), (1200, 100), (5000, 10));

    [Fact]
    public void Difference_StatisticsBeforeAndAfter_OnlyTheRunsPackets()
    {
        var emulator = EmulatorLatenessWindow.Difference(BeforeRun, AfterRun);

        Assert.Equal(HarnessEmulator.RunScope, emulator.LatenessScope);
        Assert.Equal(10_000, emulator.Forwarded);
        Assert.Equal(20, emulator.LatenessP50Us);
        // 2 significant digits: quantiles are the top of buckets 4 us wide at 900 us, 8 us wide at 1200 us.
        Assert.InRange(emulator.LatenessP99Us!.Value, 900, 904);
        Assert.InRange(emulator.LatenessMaxUs!.Value, 1200, 1208);
        Assert.Equal(BeforeRun.UpdatedUtc, emulator.LatenessFromUtc);
        Assert.Equal(AfterRun.UpdatedUtc, emulator.LatenessToUtc);
    }

    [Fact]
    public void Difference_NoStatisticsAtTheStart_TheWorldsWholeLifeAndSaysSo()
    {
        var emulator = EmulatorLatenessWindow.Difference(null, AfterRun);

        Assert.Equal(HarnessEmulator.WorldScope, emulator.LatenessScope);
        Assert.Equal(11_000, emulator.Forwarded);
        Assert.InRange(emulator.LatenessMaxUs!.Value, 5000, 5040);
        Assert.Null(emulator.LatenessFromUtc);
    }

    [Fact]
    public void Difference_StartFromAnEarlierWorld_TheWorldsWholeLife()
    {
        var restarted = Stats(5, 300, (30, 300));

        var emulator = EmulatorLatenessWindow.Difference(BeforeRun, restarted);

        Assert.Equal(HarnessEmulator.WorldScope, emulator.LatenessScope);
        Assert.Equal(300, emulator.Forwarded);
        Assert.Equal(30, emulator.LatenessP99Us);
    }

    [Fact]
    public void Difference_NoPacketsDuringTheRun_CountsZeroLatenessUnknown()
    {
        var emulator = EmulatorLatenessWindow.Difference(BeforeRun, BeforeRun with { UpdatedUtc = BeforeRun.UpdatedUtc.AddSeconds(2) });

        Assert.Equal(0, emulator.Forwarded);
        Assert.Null(emulator.LatenessP99Us);
        Assert.Null(emulator.LatenessMaxUs);
    }

    [Fact]
    public async Task CloseAsync_StatisticsAfterTheEnd_UsesThem()
    {
        var current = BeforeRun;
        var window = EmulatorLatenessWindow.Open(() => current);
        current = AfterRun;

        var emulator = await window.CloseAsync(AfterRun.UpdatedUtc.AddSeconds(-1), TimeSpan.FromSeconds(3), new FakeTimeProvider(), CancellationToken.None);

        Assert.Equal(10_000, emulator!.Forwarded);
    }

    [Fact]
    public async Task CloseAsync_NoNewerStatisticsWithinPatience_UsesTheLatest()
    {
        var window = EmulatorLatenessWindow.Open(() => BeforeRun);

        var emulator = await window.CloseAsync(BeforeRun.UpdatedUtc.AddSeconds(5), TimeSpan.Zero, new FakeTimeProvider(), CancellationToken.None);

        Assert.Equal(0, emulator!.Forwarded);
        Assert.Equal(HarnessEmulator.RunScope, emulator.LatenessScope);
    }

    [Fact]
    public async Task CloseAsync_NoStatisticsOrUnreadable_Null()
    {
        var none = EmulatorLatenessWindow.Open(() => null);
        var broken = EmulatorLatenessWindow.Open(() => throw new IOException("replaced while read"));

        Assert.Null(await none.CloseAsync(WorldUp, TimeSpan.Zero, new FakeTimeProvider(), CancellationToken.None));
        Assert.Null(await broken.CloseAsync(WorldUp, TimeSpan.Zero, new FakeTimeProvider(), CancellationToken.None));
    }
}
