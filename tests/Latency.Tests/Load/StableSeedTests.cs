using Latency.Scenarios.Load;

namespace Latency.Tests.Load;

public class StableSeedTests
{
    [Fact]
    public void Mix_ZeroSeedZeroStream_MatchesPublishedSplitMix64Vector()
    {
        // SplitMix64 seeded with 0 yields 0xE220A8397B1DCDAF first (reference C code by Vigna); Mix keeps the low 32 bits.
        Assert.Equal(unchecked((int)0x7B1DCDAFu), StableSeed.Mix(0, 0));
    }

    [Fact]
    public void Mix_TextStream_IsMixOfItsPublishedFnv1aHash()
    {
        // FNV-1a 32-bit of "a" is 0xE40C292C and of "foobar" 0xBF9CF968 (the authors' published test vectors).
        Assert.Equal(StableSeed.Mix(5, unchecked((int)0xE40C292Cu)), StableSeed.Mix(5, "a"));
        Assert.Equal(StableSeed.Mix(5, unchecked((int)0xBF9CF968u)), StableSeed.Mix(5, "foobar"));
    }

    [Fact]
    public void Mix_NeighbouringStreams_DistinctSeeds()
    {
        var seeds = Enumerable.Range(0, 10_000).Select(i => StableSeed.Mix(1, i)).ToList();

        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.NotEqual(StableSeed.Mix(1, 2), StableSeed.Mix(2, 1));
    }

    [Fact]
    public void DueTime_FirstArrival_DerivedFromStableSeedSoRunsReproduceAcrossProcesses()
    {
        // Interval 0's generator: one draw picks the rate (irrelevant when min == max), the next the first gap.
        var random = new Random(StableSeed.Mix(42, 0));
        random.NextDouble();
        var firstGapSeconds = -Math.Log(1 - random.NextDouble()) / 100;
        var expected = TimeSpan.FromTicks((long)Math.Round(firstGapSeconds * TimeSpan.TicksPerSecond));

        var pacer = new PoissonPacer(new InjectRandom(100, 100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), seed: 42);

        Assert.Equal(expected, pacer.DueTime(0));
    }

    [Fact]
    public void Compile_InjectRandom_PacerSeededFromScenarioSeedAndPhaseIndex()
    {
        var simulation = new InjectRandom(50, 100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var (timeline, _) = LoadTimeline.Compile([new Pause(TimeSpan.FromSeconds(1)), simulation], seed: 7);
        var pacer = timeline!.Phases[1].Pacer!;
        var expected = new PoissonPacer(simulation, StableSeed.Mix(7, 1));

        Assert.Equal(expected.PlannedArrivals, pacer.PlannedArrivals);
        for (var k = 0; k < expected.PlannedArrivals; k++)
        {
            Assert.Equal(expected.DueTime(k), pacer.DueTime(k));
        }
    }
}
