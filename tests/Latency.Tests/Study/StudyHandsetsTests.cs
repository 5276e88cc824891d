using Latency.Bench.Study;
using Latency.RunDirectory;
using Latency.Scenarios.Worlds;
using Latency.World.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Latency.Tests.Study;

public sealed class StudyHandsetsTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Create_RadioOff_NoPoolsAndRecordsOff()
    {
        var handsets = StudyHandsets.Create(false, ["mumbai"], World(new HandsetState("198.19.0.1", 10, true)), null, time);

        Assert.Null(handsets.For("mumbai"));
        Assert.Equal(new StudyInfo { Radio = "off" }, handsets.Complete(new StudyInfo()));
    }

    [Fact]
    public void Create_RadioOnWithoutHandsets_IsNotModelled()
    {
        var relay = StudyHandsets.Create(true, ["mumbai"], World(null), null, time);
        var realEndpoints = StudyHandsets.Create(true, ["mumbai"], null, null, time);

        Assert.Equal(StudyHandsets.NotModelled, relay.Radio);
        Assert.Null(relay.For("mumbai"));
        Assert.Equal(StudyHandsets.NotModelled, realEndpoints.Radio);
        Assert.Null(relay.Complete(new StudyInfo()).HandsetSessions);
    }

    [Fact]
    public void Create_RadioOnWithHandsets_OnePoolPerProbeAndCountsInRunJson()
    {
        var handsets = StudyHandsets.Create(true, ["mumbai", "mumbai", "jakarta"], World(new HandsetState("198.19.0.1", 10, true), noRadioAt: "jakarta"), null, time);

        var pool = handsets.For("mumbai")!;
        Assert.Same(pool, handsets.For("mumbai"));
        Assert.Null(handsets.For("jakarta"));
        Assert.Equal(["jakarta"], handsets.ProbesWithoutRadio);
        pool.Rent(TimeSpan.Zero);
        pool.Rent(TimeSpan.FromSeconds(1));
        Assert.Equal(new StudyInfo { Radio = "on", HandsetSessions = 2, HandsetShortfalls = 0 }, handsets.Complete(new StudyInfo()));
    }

    [Fact]
    public void Horizon_FromTheWorldFilesTailTimerPlusTheMargin_ElseTheDefault()
    {
        var world = Latency.Bench.Application.WorldFiles.Load(null);
        var tail = world.Probes.Single(p => p.Name == "mumbai").Radio!.TailMs.Value;

        Assert.Equal(TimeSpan.FromMilliseconds(tail) + StudyHandsets.TailMargin, StudyHandsets.Horizon(world, "mumbai"));
        Assert.Equal(StudyHandsets.DefaultHorizon, StudyHandsets.Horizon(null, "mumbai"));
        Assert.True(StudyHandsets.DefaultHorizon > TimeSpan.FromMilliseconds(tail));
    }

    private static WorldState World(HandsetState? handsets, string? noRadioAt = null) => new()
    {
        WorldName = "w",
        Profile = "typical",
        Prefix = "lt",
        Backend = handsets is null ? NetworkBackend.Relay : NetworkBackend.Tun,
        StartedUtc = DateTimeOffset.UnixEpoch,
        ProcessIds = [],
        CaCertificateFile = "ca.pem",
        Probes =
        [
            new ProbeState("mumbai", "IN", "Mumbai", null, null, handsets),
            new ProbeState("jakarta", "ID", "Jakarta", null, null, handsets is null || noRadioAt != "jakarta" ? handsets : handsets with { Radio = false }),
        ],
        Deployments = [],
        Paths = [],
    };
}
