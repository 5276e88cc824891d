using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Bench.Study;

namespace Latency.Tests.Study;

/// <summary>
/// Issue 10, point 7: a session's time split along its critical path. Times are microseconds from the session's
/// intended start; every case checks that the parts and <c>other</c> add up to the session time.
/// </summary>
public class CriticalPathTests
{
    // A request on a new TLS connection: 1 + 5 + 6 + 15 + 2 = 29 ms of phases.
    private static readonly RequestPhases NewConnection = new(1_000, 5_000, 6_000, 15_000, 2_000);

    private static RequestPhases Reused(long ttfbUs, long transferUs) => new(null, null, null, ttfbUs, transferUs);

    [Fact]
    public void Sequence_TwoRequests_AddTheirPhasesAndLeaveTheGapsAsOther()
    {
        var first = new PlayedRequest(0, 200, 29_500, NewConnection);
        var second = new PlayedRequest(29_800, 29_800, 49_800, Reused(18_000, 1_500));

        var path = CriticalPath.Request(first) + CriticalPath.Request(second);

        Assert.Equal(new CriticalPathTimes(1_000, 5_000, 6_000, 33_000, 3_500, 0), path);
        AddsUpTo(50_000, path, expectedOther: 1_500);
    }

    [Fact]
    public void Parallel_ThreeRequests_OnlyTheOneThatEndedLastIsOnThePath()
    {
        var config = new PlayedRequest(0, 0, 21_000, Reused(20_000, 500));
        PlayedRequest[] tiles =
        [
            new(21_100, 21_100, 72_000, Reused(50_500, 300)),
            new(21_100, 21_200, 73_500, Reused(51_000, 1_200)),
            new(21_100, 21_300, 72_500, Reused(50_900, 200)),
        ];

        var path = CriticalPath.Request(config) + CriticalPath.Parallel(tiles);

        // 20 + 51 ms of time to first byte, not 20 + 3 x ~51: the group counts once.
        Assert.Equal(new CriticalPathTimes(0, 0, 0, 71_000, 1_700, 0), path);
        AddsUpTo(74_000, path, expectedOther: 1_300);
    }

    [Fact]
    public void Think_BetweenRequests_CountsThePlannedWaitAndTheLateWakeUpAsOther()
    {
        var first = new PlayedRequest(0, 0, 10_000, Reused(9_000, 500));
        // Think 80 ms from 10.1 ms: the second request was due at 90.1 ms and sent 0.4 ms late.
        var second = new PlayedRequest(90_100, 90_500, 100_000, Reused(9_000, 400));

        var path = CriticalPath.Request(first) + CriticalPath.Think(80_000) + CriticalPath.Request(second);

        Assert.Equal(new CriticalPathTimes(0, 0, 0, 18_000, 900, 80_000), path);
        AddsUpTo(100_200, path, expectedOther: 1_300);
    }

    [Fact]
    public void Replay_OverlappingRequests_WaitUntilTheLastEndingOneIsDueThenItsPhases()
    {
        PlayedRequest[] requests =
        [
            new(0, 100, 45_000, NewConnection),
            new(15_000, 15_200, 130_000, Reused(110_000, 4_000)),
            new(60_000, 60_100, 80_000, Reused(19_000, 500)),
        ];

        var path = CriticalPath.Replay(requests);

        // The feed at 15 ms ended last (130 ms): 15 ms of the capture's own waiting, then its 114 ms.
        Assert.Equal(new CriticalPathTimes(0, 0, 0, 110_000, 4_000, 15_000), path);
        AddsUpTo(131_000, path, expectedOther: 2_000);
    }

    [Fact]
    public void Request_PhasesLongerThanTheRequest_AreCutFromTheStartSoThePathFitsTheSession()
    {
        // A request carrying the phases of a connection it did not use (29 ms) though it took 20 ms from its send.
        var borrowed = new PlayedRequest(0, 1_000, 21_000, NewConnection);

        var path = CriticalPath.Request(borrowed);

        Assert.Equal(new CriticalPathTimes(0, 0, 3_000, 15_000, 2_000, 0), path);
        AddsUpTo(21_000, path, expectedOther: 1_000);
    }

    [Fact]
    public void EmptyOrFailed_NothingOnThePath()
    {
        Assert.Equal(CriticalPathTimes.Zero, CriticalPath.Parallel([]));
        Assert.Equal(CriticalPathTimes.Zero, CriticalPath.Replay([]));
        Assert.Equal(CriticalPathTimes.Zero, CriticalPath.Request(new PlayedRequest(0, 0, 5_000, null)));
        AddsUpTo(5_000, CriticalPathTimes.Zero, expectedOther: 5_000);
    }

    [Fact]
    public void WithRadio_TakenFromConnectThenTlsThenTtfb_SessionStillAddsUp()
    {
        var path = new CriticalPathTimes(0, 50_000, 40_000, 100_000, 10_000, 20_000);

        var radio = path.WithRadio(120_000); // a 100 ms promotion on the SYN and DRX waits

        Assert.Equal(new CriticalPathTimes(0, 0, 0, 70_000, 10_000, 20_000, 120_000), radio);
        AddsUpTo(230_000, radio, expectedOther: 10_000);
    }

    [Fact]
    public void WithRadio_MoreThanTheNetworkPhases_CappedAtThem()
    {
        var path = new CriticalPathTimes(1_000, 5_000, 0, 10_000, 2_000, 30_000);

        var radio = path.WithRadio(50_000);

        Assert.Equal(17_000, radio.RadioUs); // DNS and think are not the emulator's packets: left as they were
        Assert.Equal(new CriticalPathTimes(1_000, 0, 0, 0, 0, 30_000, 17_000), radio);
    }

    [Fact]
    public void Plus_RadioOnEitherSide_Summed_NoneOnEither_None()
    {
        var with = CriticalPathTimes.Zero with { RadioUs = 5 };

        Assert.Equal(5, (with + CriticalPathTimes.Zero).RadioUs);
        Assert.Equal(10, (with + with).RadioUs);
        Assert.Null((CriticalPathTimes.Zero + CriticalPathTimes.Zero).RadioUs);
        Assert.Equal(0, CriticalPathTimes.Zero.WithRadio(0).RadioUs);
    }

    private static void AddsUpTo(long sessionUs, CriticalPathTimes path, long expectedOther)
    {
        Assert.Equal(expectedOther, path.OtherUs(sessionUs));
        Assert.Equal(sessionUs, path.DnsUs + path.ConnectUs + path.TlsUs + path.TtfbUs + path.TransferUs + path.ThinkUs + (path.RadioUs ?? 0)
                                + path.OtherUs(sessionUs));
    }
}
