using Latency.Scenarios.Worlds;
using Latency.World.Emulation;

namespace Latency.Tests.Emulation;

/// <summary>
/// The shaper on TimeSpan ticks (10,000,000 per second, 10,000 per ms), so expected times are round numbers.
/// At 10 Mbit/s a byte takes 8 / 10^7 s = 8 ticks, a 1500-byte packet 12,000 ticks = 1.2 ms.
/// </summary>
public class LinkShaperTests
{
    private const long PerSecond = TimeSpan.TicksPerSecond;
    private const long PerMs = TimeSpan.TicksPerMillisecond;

    private static LinkModel Model(
        double delayMs = 0, double jitterMs = 0, double loss = 0, GilbertElliott? burst = null,
        double? bitsPerSecond = null, int queueBytes = LinkModel.DefaultQueueBytes, bool reorder = false) =>
        new(TimeSpan.FromMilliseconds(delayMs), TimeSpan.FromMilliseconds(jitterMs), loss, burst, bitsPerSecond,
            queueBytes, reorder);

    private static LinkShaper Shaper(LinkModel model, ulong seed = 1) => new(model, seed, PerSecond);

    [Theory]
    [InlineData(0L)]
    [InlineData(7L)]
    [InlineData(123_456_789_012L)]
    public void TryAdmit_DelayOnly_ReleasesAtNowPlusDelayExactly(long now)
    {
        var shaper = Shaper(Model(delayMs: 37));

        Assert.True(shaper.TryAdmit(now, 1500, out var release));
        Assert.Equal(now + 370_000, release);
    }

    [Fact]
    public void TryAdmit_StopwatchTicks_DelayInStopwatchFrequency()
    {
        var shaper = new LinkShaper(Model(delayMs: 40), seed: 1);

        Assert.Equal(System.Diagnostics.Stopwatch.Frequency, shaper.TicksPerSecond);
        Assert.True(shaper.TryAdmit(1000, 100, out var release));
        Assert.Equal(1000 + System.Diagnostics.Stopwatch.Frequency / 25, release);
    }

    [Fact]
    public void TryAdmit_Compensation_TakenOffTheDelay()
    {
        var shaper = Shaper(Model(delayMs: 40));
        shaper.CompensationTicks = 1_500; // 0.15 ms

        Assert.True(shaper.TryAdmit(1_000, 100, out var release));
        Assert.Equal(1_000 + 400_000 - 1_500, release);
    }

    [Fact]
    public void TryAdmit_CompensationLargerThanDelay_ReleasedAtDepartureNeverEarlier()
    {
        var shaper = Shaper(Model(delayMs: 0.1, bitsPerSecond: 10_000_000));
        shaper.CompensationTicks = 5_000; // 0.5 ms, more than the 0.1 ms delay

        Assert.True(shaper.TryAdmit(1_000, 1500, out var release));
        Assert.Equal(1_000 + 12_000, release); // serialisation stays; only the delay is taken
    }

    [Fact]
    public void CompensationTicks_Negative_StoredAsZero()
    {
        var shaper = Shaper(Model(delayMs: 10));
        shaper.CompensationTicks = -50;

        Assert.Equal(0, shaper.CompensationTicks);
        Assert.True(shaper.TryAdmit(0, 100, out var release));
        Assert.Equal(100_000, release);
    }

    [Fact]
    public void TryAdmit_ThreePercentLoss_Loses2Point4To3Point6PercentOf100000()
    {
        var shaper = Shaper(Model(delayMs: 10, loss: 0.03));

        var lost = Enumerable.Range(0, 100_000).Count(i => !shaper.TryAdmit(i * PerMs, 100, out _));

        // Binomial sd = sqrt(100000 * 0.03 * 0.97) = 54 packets; the band is +/- 600, 11 sd.
        Assert.InRange(lost, 2_400, 3_600);
    }

    [Fact]
    public void TryAdmit_SameSeed_SameDecisions()
    {
        var model = Model(delayMs: 10, jitterMs: 2, loss: 0.03);

        Assert.Equal(Decisions(Shaper(model, seed: 42)), Decisions(Shaper(model, seed: 42)));
    }

    [Fact]
    public void TryAdmit_DifferentSeed_DifferentLosses()
    {
        var model = Model(delayMs: 10, loss: 0.03);

        var first = Decisions(Shaper(model, seed: 1));
        var second = Decisions(Shaper(model, seed: 2));

        // About 3% lost each; independent seeds agree on few of the lost packets (expected 3% of 3%).
        var lostInBoth = first.Zip(second).Count(p => p.First < 0 && p.Second < 0);
        Assert.True(lostInBoth < 100, $"{lostInBoth} losses in common");
    }

    [Fact]
    public void TryAdmit_GilbertElliott_MeanLossAndBurstLengthAsConfigured()
    {
        // Good->bad 1%, bad->good 25%, lossless good state, lossy bad state: losses are exactly the bad runs.
        // Mean loss = 0.01 / (0.01 + 0.25) = 3.846%; mean burst = 1 / 0.25 = 4 packets (geometric, sd 3.46).
        // Over 10^6 packets there are ~9,600 bursts: the mean burst has sd 3.46 / sqrt(9600) = 0.035, the loss ~1.4%.
        var burst = new GilbertElliott(GoodToBad: 0.01, BadToGood: 0.25, LossInGood: 0, LossInBad: 1);
        var shaper = Shaper(Model(delayMs: 10, burst: burst));

        long lost = 0, bursts = 0;
        var previousLost = false;
        for (var i = 0; i < 1_000_000; i++)
        {
            var isLost = !shaper.TryAdmit(i * PerMs, 100, out _);
            lost += isLost ? 1 : 0;
            bursts += isLost && !previousLost ? 1 : 0;
            previousLost = isLost;
        }

        Assert.InRange(lost / 1e6, burst.MeanLoss * 0.9, burst.MeanLoss * 1.1);
        Assert.InRange((double)lost / bursts, 4 * 0.95, 4 * 1.05);
    }

    [Fact]
    public void TryAdmit_10MbitBackToBack1500BytePackets_Depart1Point2MsApart()
    {
        var shaper = Shaper(Model(bitsPerSecond: 10e6, queueBytes: 1000 * 1500));

        var releases = new long[1000];
        for (var i = 0; i < releases.Length; i++)
        {
            Assert.True(shaper.TryAdmit(0, 1500, out releases[i]), $"packet {i} dropped");
        }

        Assert.All(Enumerable.Range(0, 1000), i => Assert.Equal((i + 1) * 12_000L, releases[i]));
        Assert.Equal(PerSecond * 12 / 10, releases[^1]);
    }

    [Fact]
    public void TryAdmit_BandwidthAndDelay_DelayAddedAfterSerialisation()
    {
        var shaper = Shaper(Model(delayMs: 20, bitsPerSecond: 10e6));

        Assert.True(shaper.TryAdmit(5 * PerMs, 1500, out var release));

        Assert.Equal(5 * PerMs + 12_000 + 20 * PerMs, release);
    }

    [Fact]
    public void TryAdmit_QueueOf10Packets_DropsExactlyThePacketsThatDoNotFit()
    {
        var shaper = Shaper(Model(bitsPerSecond: 10e6, queueBytes: 15_000));

        // 20 at once: the first 10 fill the 15,000 bytes, the other 10 find it full.
        var admitted = Enumerable.Range(0, 20).Select(i => shaper.TryAdmit(0, 1500, out _)).ToArray();
        Assert.Equal(Enumerable.Repeat(true, 10).Concat(Enumerable.Repeat(false, 10)), admitted);

        // At 1.2 ms the first packet has left: room for exactly one more 1500-byte packet, released after the
        // other ten (10 x 1.2 ms) plus its own 1.2 ms.
        Assert.True(shaper.TryAdmit(12_000, 1500, out var eleventh));
        Assert.Equal(11 * 12_000L, eleventh);
        Assert.False(shaper.TryAdmit(12_000, 100, out _));

        // 0.6 ms later half of a packet (750 bytes) has left: 700 bytes fit, then exactly 50 more (51 do not).
        Assert.True(shaper.TryAdmit(18_000, 700, out var small));
        Assert.Equal(11 * 12_000L + 700 * 8, small);
        Assert.False(shaper.TryAdmit(18_000, 100, out _));
        Assert.False(shaper.TryAdmit(18_000, 51, out _));
        Assert.True(shaper.TryAdmit(18_000, 50, out _));
    }

    [Fact]
    public void TryAdmit_LostPacket_TakesNoQueueSpace()
    {
        // Everything is lost before the bottleneck, so the queue never fills and the link never gets busy.
        var shaper = Shaper(Model(loss: 1, bitsPerSecond: 10e6, queueBytes: 1500));

        Assert.All(Enumerable.Range(0, 10), i => Assert.False(shaper.TryAdmit(0, 1500, out _)));
    }

    [Fact]
    public void TryAdmit_JitterWithLargeGaps_StandardDeviationAsConfigured()
    {
        // Packets 100 ms apart, jitter 5 ms: the no-reordering clamp (previous release) never binds.
        // Sample sd of 20,000 normals has relative sd 1/sqrt(2 * 20000) = 0.5%; the band is 10%.
        var shaper = Shaper(Model(delayMs: 50, jitterMs: 5));

        var delays = new double[20_000];
        for (var i = 0; i < delays.Length; i++)
        {
            var now = i * 100 * PerMs;
            Assert.True(shaper.TryAdmit(now, 100, out var release));
            delays[i] = (release - now) / (double)PerMs;
        }

        var mean = delays.Average();
        var sd = Math.Sqrt(delays.Sum(d => (d - mean) * (d - mean)) / (delays.Length - 1));
        Assert.InRange(sd, 4.5, 5.5);
        Assert.InRange(mean, 49.5, 50.5);
    }

    [Fact]
    public void TryAdmit_JitterLargerThanGaps_NeverReorders()
    {
        var shaper = Shaper(Model(delayMs: 20, jitterMs: 5));

        var releases = Enumerable.Range(0, 10_000).Select(i => Release(shaper, i * PerMs)).ToArray();

        Assert.All(releases.Zip(releases.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
    }

    [Fact]
    public void TryAdmit_JitterWithReorderingAllowed_Reorders()
    {
        // The counterpart of the test above: the same traffic does reorder when the model allows it.
        var shaper = Shaper(Model(delayMs: 20, jitterMs: 5, reorder: true));

        var releases = Enumerable.Range(0, 10_000).Select(i => Release(shaper, i * PerMs)).ToArray();

        Assert.Contains(releases.Zip(releases.Skip(1)), pair => pair.Second < pair.First);
    }

    [Fact]
    public void TryAdmit_JitterLargerThanDelay_DelayNeverNegative()
    {
        var shaper = Shaper(Model(delayMs: 1, jitterMs: 10, reorder: true));

        Assert.All(Enumerable.Range(0, 10_000), i => Assert.True(Release(shaper, i * PerSecond) >= i * PerSecond));
    }

    [Fact]
    public void TryAdmit_100000CallsWithEveryFeature_AllocatesNothing()
    {
        var model = Model(delayMs: 20, jitterMs: 3, bitsPerSecond: 10e6, queueBytes: 64_000,
            burst: new GilbertElliott(0.01, 0.3, 0.001, 0.5));
        var shaper = Shaper(model);
        for (var i = 0; i < 1000; i++)
        {
            shaper.TryAdmit(i * 1000L, 1500, out _); // JIT and tiering first
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var admitted = 0;
        for (var i = 0; i < 100_000; i++)
        {
            admitted += shaper.TryAdmit(1_000_000 + i * 1000L, 1500, out _) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.InRange(admitted, 1, 99_999); // the features were exercised: some packets passed, some did not
    }

    [Fact]
    public void Constructor_NegativeDelayAndLossAboveOne_ListsBoth()
    {
        var model = Model(delayMs: -1, loss: 1.5);

        var error = Assert.Throws<ArgumentException>(() => Shaper(model));

        Assert.Contains("negative", error.Message);
        Assert.Contains("loss rate 1.5", error.Message);
    }

    private static long Release(LinkShaper shaper, long now)
    {
        Assert.True(shaper.TryAdmit(now, 100, out var release));
        return release;
    }

    /// <summary>Release time of each of 10,000 packets 1 ms apart, -1 for a lost one.</summary>
    private static long[] Decisions(LinkShaper shaper) =>
        Enumerable.Range(0, 10_000).Select(i => shaper.TryAdmit(i * PerMs, 100, out var r) ? r : -1).ToArray();
}
