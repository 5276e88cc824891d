using Latency.Tests.Reports;
using Latency.World.Radio;

namespace Latency.Tests.Emulation;

/// <summary>The radio-wait ledger the emulator writes and the harness reads through a shared file.</summary>
public class RadioLedgerTests
{
    [Fact]
    public void AddWait_OverlappingWaitsOfOneHandset_CountedOnce()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "radio.ledger");
        using var writer = RadioLedger.Create(path, nodes: 3, handsetsPerNode: 10, ticksPerSecond: 1000);
        using var reader = RadioLedger.OpenRead(path)!;

        writer.AddWait(1, 4, 100, 360); // a promotion: 260
        writer.AddWait(1, 4, 200, 360); // a packet that waited for the same promotion: nothing new
        writer.AddWait(1, 4, 350, 380); // a DRX wait overlapping its end: 20 more
        writer.AddWait(1, 4, 500, 518); // a later DRX wait: 18 more

        Assert.Equal(298, reader.WaitTicks(1, 4));
        Assert.Equal(1000, reader.TicksPerSecond);
        Assert.Equal((3, 10), (reader.Nodes, reader.HandsetsPerNode));
    }

    [Fact]
    public void AddWait_TwoHandsets_IndependentFigures()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "radio.ledger");
        using var writer = RadioLedger.Create(path, 2, 5, 1000);
        using var reader = RadioLedger.OpenRead(path)!;

        writer.AddWait(0, 0, 0, 260);
        writer.AddWait(0, 1, 100, 120);
        writer.AddWait(1, 0, 0, 7);

        Assert.Equal([260L, 20L, 0L, 7L], [reader.WaitTicks(0, 0), reader.WaitTicks(0, 1), reader.WaitTicks(0, 2), reader.WaitTicks(1, 0)]);
    }

    [Fact]
    public void Create_Again_StartsFromZeroForNewReaders()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "radio.ledger");
        using (var first = RadioLedger.Create(path, 1, 1, 1000))
        {
            first.AddWait(0, 0, 0, 50);
        }

        using var second = RadioLedger.Create(path, 1, 1, 1000);
        using var reader = RadioLedger.OpenRead(path)!;

        Assert.Equal(0, reader.WaitTicks(0, 0));
    }

    [Fact]
    public void OpenRead_MissingOrForeignFile_Null()
    {
        using var directory = new TempDirectory();
        var foreign = Path.Combine(directory.Path, "foreign");
        File.WriteAllBytes(foreign, new byte[64]);

        Assert.Null(RadioLedger.OpenRead(Path.Combine(directory.Path, "missing")));
        Assert.Null(RadioLedger.OpenRead(foreign));
    }

    [Fact]
    public void WaitTicks_OutsideTheLedger_Throws()
    {
        using var directory = new TempDirectory();
        using var ledger = RadioLedger.Create(Path.Combine(directory.Path, "radio.ledger"), 2, 5, 1000);

        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.WaitTicks(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.WaitTicks(0, 5));
    }

    [Fact]
    public void AddWait_ReadOnlyLedger_Throws()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "radio.ledger");
        using var writer = RadioLedger.Create(path, 1, 1, 1000);
        using var reader = RadioLedger.OpenRead(path)!;

        Assert.Throws<InvalidOperationException>(() => reader.AddWait(0, 0, 0, 1));
    }
}
