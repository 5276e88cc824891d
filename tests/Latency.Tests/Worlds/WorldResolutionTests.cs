using Latency.Scenarios.Worlds;

namespace Latency.Tests.Worlds;

/// <summary>
/// ResolvePaths against numbers worked by hand from <see cref="WorldSamples.Valid"/>: last mile 32 ms RTT,
/// 25 Mbps down, 5 Mbps up.
/// </summary>
public sealed class WorldResolutionTests
{
    private static readonly WorldDefinition World = WorldLoader.Parse(WorldSamples.Valid, WorldSamples.File);

    [Fact]
    public void ResolvePaths_Typical_SplitsBackbonePlusLastMileEvenly()
    {
        var beijing = World.ResolvePaths("typical")[0];

        // (130 + 32) / 2 = 81 ms each way.
        Assert.Equal(TimeSpan.FromMilliseconds(81), beijing.Up.OneWayDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(81), beijing.Down.OneWayDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(162), beijing.BaseRtt);
        Assert.Equal(TimeSpan.FromMilliseconds(24), beijing.Up.Jitter);
        Assert.Equal(TimeSpan.FromMilliseconds(24), beijing.Down.Jitter);
        Assert.Equal(0.033, beijing.Up.LossRate, 12);
        Assert.Equal(0, beijing.Down.LossRate);
        // No path bandwidth: the last mile limits, 5 Mbps up and 25 Mbps down.
        Assert.Equal(5_000_000, beijing.Up.BandwidthBitsPerSecond);
        Assert.Equal(25_000_000, beijing.Down.BandwidthBitsPerSecond);
        Assert.Equal(LinkModel.DefaultQueueBytes, beijing.Up.QueueBytes);
        Assert.False(beijing.Up.AllowReordering);
    }

    [Fact]
    public void ResolvePaths_Congested_AppliesOverridesAndKeepsTheRest()
    {
        var beijing = World.ResolvePaths("congested")[0];

        Assert.Equal(0.15, beijing.Up.LossRate, 12);
        Assert.Equal(0, beijing.Down.LossRate);
        // min(5 Mbps last mile, 1 Mbps path) up; down untouched.
        Assert.Equal(1_000_000, beijing.Up.BandwidthBitsPerSecond);
        Assert.Equal(25_000_000, beijing.Down.BandwidthBitsPerSecond);
        // Not overridden: delay and jitter stay as in the base.
        Assert.Equal(TimeSpan.FromMilliseconds(162), beijing.BaseRtt);
        Assert.Equal(TimeSpan.FromMilliseconds(24), beijing.Up.Jitter);
    }

    [Theory]
    [InlineData("typical")]
    [InlineData("congested")]
    public void ResolvePaths_PathWithoutOverride_IsTheSameInEveryProfile(string profile)
    {
        var mumbai = World.ResolvePaths(profile)[1];

        Assert.Equal(("mumbai", "mumbai"), (mumbai.Probe, mumbai.Deployment));
        // (3 + 32) / 2 = 17.5 ms each way.
        Assert.Equal(TimeSpan.FromMilliseconds(17.5), mumbai.Up.OneWayDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(35), mumbai.BaseRtt);
        Assert.Equal(TimeSpan.Zero, mumbai.Up.Jitter);
        Assert.Equal(0, mumbai.Up.LossRate);
        // min(25 Mbps last mile, 10 Mbps path) down; 5 Mbps up.
        Assert.Equal(10_000_000, mumbai.Down.BandwidthBitsPerSecond);
        Assert.Equal(5_000_000, mumbai.Up.BandwidthBitsPerSecond);
    }

    [Fact]
    public void ResolvePaths_BurstLoss_ReplacesRandomLossOfThatDirection()
    {
        var yaml = WorldSamples.WithLine(30, "burst_loss_down: { good_to_bad: 0.01, bad_to_good: 0.3, loss_in_good: 0, loss_in_bad: 0.5, assumption: \"test\" }");

        var path = WorldLoader.Parse(yaml, WorldSamples.File).ResolvePaths("typical")[1];

        Assert.Equal(new GilbertElliott(0.01, 0.3, 0, 0.5), path.Down.BurstLoss);
        Assert.Null(path.Up.BurstLoss);
        Assert.Equal(0.5 * 0.01 / 0.31, path.Down.MeanLoss, 12);
    }

    [Fact]
    public void ResolvePaths_UndeclaredProfile_ThrowsNamingTheProfiles()
    {
        var ex = Assert.Throws<ArgumentException>(() => World.ResolvePaths("peak"));

        Assert.StartsWith("world 'test' has no profile 'peak' (profiles: typical, congested)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverriddenBy_LossPercentInOverride_DropsBaseBurstLoss()
    {
        var burst = new CitedBurstLoss(new GilbertElliott(0.1, 0.5, 0, 1), null, "test");
        var baseValues = new PathParameters { RttMs = new CitedValue(10, "s", null), BurstLossUp = burst };

        var merged = baseValues.OverriddenBy(new PathParameters { LossUpPct = new CitedValue(2, "s", null) });

        Assert.Null(merged.BurstLossUp);
        Assert.Equal(2, merged.LossUpPct!.Value);
        Assert.Equal(10, merged.RttMs!.Value);
    }
}
