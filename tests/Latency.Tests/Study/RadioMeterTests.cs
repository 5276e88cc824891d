using System.Net;
using Latency.Bench.Study;
using Latency.Tests.Reports;
using Latency.World.Network;
using Latency.World.Radio;

namespace Latency.Tests.Study;

/// <summary>A session's view of the emulator's radio ledger: its handset's wait so far, in microseconds.</summary>
public class RadioMeterTests
{
    [Fact]
    public void For_HandsetAddress_ReadsItsWaitInMicroseconds()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "radio.ledger");
        using var writer = RadioLedger.Create(path, 3, HandsetAddressPlan.HandsetsPerNode, ticksPerSecond: 1_000_000_000);
        using var reader = RadioLedger.OpenRead(path)!;
        var meter = new RadioMeter(reader);
        var read = meter.For(HandsetAddressPlan.HandsetAddress(1, 5))!;

        var before = read();
        writer.AddWait(1, 5, 0, 260_000_000); // 260 ms in nanoseconds
        writer.AddWait(1, 6, 0, 50_000_000); // another handset's

        Assert.Equal(260_000, read() - before);
    }

    [Fact]
    public void For_NoHandset_Null()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "radio.ledger");
        using var writer = RadioLedger.Create(path, 2, HandsetAddressPlan.HandsetsPerNode, 1000);
        var meter = new RadioMeter(writer);

        Assert.Null(meter.For(null));
        Assert.Null(meter.For(IPAddress.Parse("198.18.0.1"))); // a probe's own address
        Assert.Null(meter.For(HandsetAddressPlan.HandsetAddress(2, 0))); // a node the ledger does not have
        Assert.Null(meter.For(IPAddress.IPv6Loopback));
    }
}
