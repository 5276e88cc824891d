using System.Diagnostics;
using Latency.Micro.Radio;
using Latency.World.Radio;

namespace Latency.Tests.Emulation;

/// <summary>
/// The handset radio state machine on TimeSpan ticks (10,000 per ms), fed timestamps directly (no clock, no
/// sleeps), with <see cref="IllustrativeRadio"/>'s round values; the promotion is constant unless a test sets a
/// standard deviation, so expected delays are exact.
/// </summary>
public class HandsetRadiosTests
{
    private const long PerSecond = TimeSpan.TicksPerSecond;
    private const long PerMs = TimeSpan.TicksPerMillisecond;
    private const long Promotion = 200 * PerMs;
    private const long Tail = 10 * PerSecond;

    private static RadioParameters Parameters(double promotionSdMs = 0) =>
        IllustrativeRadio.Parameters with
        {
            PromotionDelayStandardDeviation = TimeSpan.FromMilliseconds(promotionSdMs),
        };

    private static HandsetRadios Radios(int handsets = 1, double promotionSdMs = 0, ulong seed = 1) =>
        new(Parameters(promotionSdMs), handsets, seed, PerSecond);

    /// <summary>Handset 0 sends its first packet at 0 and is connected from 200 ms, its last activity.</summary>
    private static HandsetRadios ConnectedAtPromotionEnd()
    {
        var radios = Radios();
        Assert.Equal(Promotion, radios.ExtraDelayTicks(0, 0, RadioDirection.Uplink));
        return radios;
    }

    [Fact]
    public void ExtraDelay_200IdleHandsets_MeanPromotionWithinMaxOneMsOrFivePercentOfConfigured()
    {
        const int Samples = 200;
        const double MeanMs = 200, SdMs = 40;
        var radios = Radios(handsets: Samples, promotionSdMs: SdMs, seed: 42);

        var delaysMs = Enumerable.Range(0, Samples)
            .Select(h => radios.ExtraDelayTicks(h, 1_000 * PerMs, RadioDirection.Uplink) / (double)PerMs)
            .ToArray();

        var mean = delaysMs.Average();
        Assert.InRange(mean, MeanMs - Math.Max(1, 0.05 * MeanMs), MeanMs + Math.Max(1, 0.05 * MeanMs));
        // The promotions are drawn, not constant: their spread is near the configured one.
        var sd = Math.Sqrt(delaysMs.Sum(d => (d - mean) * (d - mean)) / (Samples - 1));
        Assert.InRange(sd, 0.7 * SdMs, 1.3 * SdMs);
        Assert.All(delaysMs, d => Assert.True(d > 0));
    }

    [Fact]
    public void ExtraDelay_OneHandsetIdle200Times_MeanPromotionWithinMaxOneMsOrFivePercentOfConfigured()
    {
        var radios = Radios(promotionSdMs: 40, seed: 7);

        // Each packet comes a tail and a second after the previous one: the handset is idle every time.
        var delaysMs = Enumerable.Range(0, 200)
            .Select(i => radios.ExtraDelayTicks(0, i * (Tail + 2 * PerSecond), RadioDirection.Downlink) / (double)PerMs)
            .ToArray();

        Assert.InRange(delaysMs.Average(), 190, 210);
        Assert.True(delaysMs.Distinct().Count() > 100);
    }

    [Fact]
    public void ExtraDelay_PacketWithinTheTail_NoExtraDelay()
    {
        var radios = ConnectedAtPromotionEnd();

        Assert.Equal(0, radios.ExtraDelayTicks(0, Promotion + 5 * PerSecond, RadioDirection.Uplink));
        Assert.Equal(0, radios.ExtraDelayTicks(0, Promotion + 5 * PerSecond + Tail - 1, RadioDirection.Uplink));
    }

    [Fact]
    public void ExtraDelay_PacketsDuringThePromotion_WaitForItsEndInBothDirections()
    {
        var radios = ConnectedAtPromotionEnd();

        Assert.Equal(150 * PerMs, radios.ExtraDelayTicks(0, 50 * PerMs, RadioDirection.Downlink));
        Assert.Equal(1 * PerMs, radios.ExtraDelayTicks(0, 199 * PerMs, RadioDirection.Uplink));
        Assert.Equal(0, radios.ExtraDelayTicks(0, Promotion, RadioDirection.Uplink));
    }

    [Fact]
    public void ExtraDelay_TailElapsedWithoutTraffic_PromotedAgain()
    {
        var radios = ConnectedAtPromotionEnd();

        Assert.Equal(Promotion, radios.ExtraDelayTicks(0, Promotion + Tail, RadioDirection.Uplink));
    }

    [Fact]
    public void ExtraDelay_ActivityRestartsTheTail_StaysConnectedPastTheFirstTail()
    {
        var radios = ConnectedAtPromotionEnd();
        Assert.Equal(0, radios.ExtraDelayTicks(0, Promotion + 9 * PerSecond, RadioDirection.Uplink));

        Assert.Equal(0, radios.ExtraDelayTicks(0, Promotion + 18 * PerSecond, RadioDirection.Uplink));
    }

    [Fact]
    public void ExtraDelay_TwoHandsetsInOneTable_KeepIndependentStates()
    {
        var radios = Radios(handsets: 2);
        Assert.Equal(Promotion, radios.ExtraDelayTicks(0, 0, RadioDirection.Uplink));
        Assert.Equal(Promotion, radios.ExtraDelayTicks(1, 0, RadioDirection.Uplink));

        // Handset 0 sends every second for 20 s; handset 1 stays quiet.
        for (var second = 1; second <= 20; second++)
        {
            Assert.Equal(0, radios.ExtraDelayTicks(0, second * PerSecond, RadioDirection.Uplink));
        }

        // Handset 0's activity did not keep handset 1 connected: its tail ran out at 10.2 s.
        Assert.Equal(Promotion, radios.ExtraDelayTicks(1, 20 * PerSecond + 500 * PerMs, RadioDirection.Uplink));
        // And handset 1's promotion did not touch handset 0, which is connected and in its DRX inactivity window.
        Assert.Equal(0, radios.ExtraDelayTicks(0, 20 * PerSecond + 50 * PerMs, RadioDirection.Downlink));
    }

    [Fact]
    public void ExtraDelay_DownlinkWithinDrxInactivityTimer_NoExtraDelay()
    {
        var radios = ConnectedAtPromotionEnd();

        Assert.Equal(0, radios.ExtraDelayTicks(0, Promotion + 100 * PerMs - 1, RadioDirection.Downlink));
    }

    // Sleep starts at activity + 100 ms; short cycles of 20 ms start there (on for 2 ms at each start), four of
    // them, so the long cycles of 40 ms start at activity + 180 ms.
    [Theory]
    [InlineData(100, 0)] // first short on-duration begins
    [InlineData(101, 0)] // inside it
    [InlineData(102, 18)] // asleep from its end: wait for the second short cycle at 120
    [InlineData(125, 15)] // 5 ms into the second short cycle: 15 ms to the third
    [InlineData(161, 0)] // inside the fourth short cycle's on-duration (160-162)
    [InlineData(179, 1)] // the end of the last short cycle: the first long cycle begins at 180
    [InlineData(181, 0)] // inside the first long on-duration
    [InlineData(190, 30)] // 10 ms into the first long cycle: 30 ms to the second
    [InlineData(310, 30)] // 180 + 3 * 40 + 10: same phase three long cycles on
    [InlineData(3_000, 20)] // 180 + 70 * 40 + 20: halfway through a long cycle
    public void ExtraDelay_DownlinkToQuietConnectedHandset_WaitsForTheNextOnDuration(int quietMs, int waitMs)
    {
        var radios = ConnectedAtPromotionEnd();

        Assert.Equal(waitMs * PerMs, radios.ExtraDelayTicks(0, Promotion + quietMs * PerMs, RadioDirection.Downlink));
    }

    [Theory]
    [InlineData(125)]
    [InlineData(190)]
    public void ExtraDelay_UplinkFromQuietConnectedHandset_NoExtraDelay(int quietMs)
    {
        var radios = ConnectedAtPromotionEnd();

        Assert.Equal(0, radios.ExtraDelayTicks(0, Promotion + quietMs * PerMs, RadioDirection.Uplink));
    }

    [Fact]
    public void ExtraDelay_DownlinkAfterADrxWait_ItsPassageRestartsTheDrxTimers()
    {
        var radios = ConnectedAtPromotionEnd();
        Assert.Equal(15 * PerMs, radios.ExtraDelayTicks(0, Promotion + 125 * PerMs, RadioDirection.Downlink));

        // It passed at 140 ms after the promotion: 150 ms after that the radio still listens continuously.
        Assert.Equal(0, radios.ExtraDelayTicks(0, Promotion + 140 * PerMs + 99 * PerMs, RadioDirection.Downlink));
    }

    [Fact]
    public void ExtraDelay_SecondDownlinkWhileTheFirstWaits_WaitsForTheSameWakeUp()
    {
        var radios = ConnectedAtPromotionEnd();
        Assert.Equal(15 * PerMs, radios.ExtraDelayTicks(0, Promotion + 125 * PerMs, RadioDirection.Downlink));

        Assert.Equal(10 * PerMs, radios.ExtraDelayTicks(0, Promotion + 130 * PerMs, RadioDirection.Downlink));
    }

    [Fact]
    public void ExtraDelay_NoDrx_DownlinkToQuietConnectedHandsetNotDelayed()
    {
        var radios = new HandsetRadios(Parameters() with { Drx = null }, handsetCount: 1, seed: 1, PerSecond);
        Assert.Equal(Promotion, radios.ExtraDelayTicks(0, 0, RadioDirection.Uplink));

        Assert.Equal(0, radios.ExtraDelayTicks(0, Promotion + 125 * PerMs, RadioDirection.Downlink));
        Assert.Equal(Promotion, radios.ExtraDelayTicks(0, Promotion + 125 * PerMs + Tail, RadioDirection.Downlink));
    }

    [Fact]
    public void ExtraDelay_RadioOff_AlwaysZero()
    {
        var radios = new HandsetRadios(parameters: null, handsetCount: 2, seed: 1, PerSecond);

        Assert.False(radios.IsEnabled);
        Assert.Equal(0, radios.ExtraDelayTicks(0, 0, RadioDirection.Uplink));
        Assert.Equal(0, radios.ExtraDelayTicks(1, 5 * PerSecond, RadioDirection.Downlink));
        Assert.Equal(0, radios.ExtraDelayTicks(1, 5 * PerSecond + 125 * PerMs, RadioDirection.Downlink));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void ExtraDelay_UnknownHandsetIndex_Throws(int handset)
    {
        var radios = Radios(handsets: 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => radios.ExtraDelayTicks(handset, 0, RadioDirection.Uplink));
    }

    [Fact]
    public void ExtraDelay_SameSeed_SameDelays_HandsetsDrawTheirOwnSequences()
    {
        long[] Draw(HandsetRadios radios) =>
            [.. Enumerable.Range(0, 4).Select(h => radios.ExtraDelayTicks(h, 0, RadioDirection.Uplink))];

        var first = Draw(Radios(handsets: 4, promotionSdMs: 40, seed: 9));
        var again = Draw(Radios(handsets: 4, promotionSdMs: 40, seed: 9));

        Assert.Equal(first, again);
        Assert.Equal(4, first.Distinct().Count());
    }

    [Fact]
    public void Constructor_StopwatchTicks_PromotionInStopwatchFrequency()
    {
        var radios = new HandsetRadios(Parameters(), handsetCount: 1, seed: 1);

        Assert.Equal(Stopwatch.Frequency, radios.TicksPerSecond);
        Assert.Equal(Stopwatch.Frequency / 5, radios.ExtraDelayTicks(0, 1_000, RadioDirection.Uplink));
    }

    [Fact]
    public void ExtraDelay_64HandsetsManyPackets_AllocatesNothing()
    {
        var radios = Radios(handsets: 64, promotionSdMs: 40);
        long Run(long start, int packets)
        {
            long total = 0;
            for (var i = 0; i < packets; i++)
            {
                // Every 1.3 ms a packet to or from one of the handsets, alternating: idle, promoting, DRX all occur.
                var direction = (i & 1) == 0 ? RadioDirection.Uplink : RadioDirection.Downlink;
                total += radios.ExtraDelayTicks((i * 7) & 63, start + i * 13_000L, direction);
            }

            return total;
        }

        Run(0, 1_000); // JIT and tiering first
        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = Run(1_000 * 13_000L, 100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }

    [Fact]
    public void ExtraDelay_UplinkReadBeforeAnEarlierEvaluatedDownlinkArrives_PassesAndLeavesTheDownlinkWakeUp()
    {
        // The emulator evaluates downlink at its arrival at the cell, so an uplink packet read later can carry an
        // earlier time: it must pass (the handset is connected) and not pull the recorded passage back.
        var radios = ConnectedAtPromotionEnd();
        var downlinkAt = 1_001 * PerMs; // 801 ms quiet: asleep in long DRX cycles
        var downlinkWait = radios.ExtraDelayTicks(0, downlinkAt, RadioDirection.Downlink);
        Assert.True(downlinkWait > 0);

        Assert.Equal(0, radios.ExtraDelayTicks(0, downlinkAt - 5 * PerMs, RadioDirection.Uplink));

        // A second downlink packet arriving while the first waits still waits for the same wake-up.
        Assert.Equal(downlinkWait - PerMs / 10, radios.ExtraDelayTicks(0, downlinkAt + PerMs / 10, RadioDirection.Downlink));
    }
}
