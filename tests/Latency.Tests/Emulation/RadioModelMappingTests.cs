using Latency.Scenarios.Worlds;
using Latency.World.Radio;

namespace Latency.Tests.Emulation;

/// <summary>A world file's radio in cited milliseconds becomes the emulator's radio parameters in time spans.</summary>
public sealed class RadioModelMappingTests
{
    private static readonly DrxCycle Drx = new(Ms(100), Ms(20), Ms(60), Ms(40), Ms(2));

    [Fact]
    public void ToParameters_LteModel_ConvertsEveryFigure()
    {
        var parameters = RadioModelMapping.ToParameters(Model(Drx));

        Assert.Equal(
            new RadioParameters(
                TimeSpan.FromMilliseconds(260), TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(10_120),
                new DrxParameters(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20), 3, TimeSpan.FromMilliseconds(40),
                    TimeSpan.FromMilliseconds(2))),
            parameters);
        Assert.Empty(parameters.Validate());
    }

    [Fact]
    public void ToParameters_NoDrx_StaysWithoutDrx()
    {
        Assert.Null(RadioModelMapping.ToParameters(Model(null)).Drx);
    }

    [Fact]
    public void ToParameters_ZeroShortPhase_GoesStraightToLongCycles()
    {
        Assert.Equal(0, RadioModelMapping.ToParameters(Model(Drx with { ShortPhaseMs = Ms(0) })).Drx!.ShortCycleCount);
    }

    [Fact]
    public void ToParameters_FractionalMilliseconds_AreKept()
    {
        var parameters = RadioModelMapping.ToParameters(Model(Drx with { ShortCycleMs = Ms(2.5), ShortPhaseMs = Ms(7.5), OnDurationMs = Ms(0.5) }));

        Assert.Equal((TimeSpan.FromMicroseconds(2500), 3, TimeSpan.FromMicroseconds(500)),
            (parameters.Drx!.ShortCycle, parameters.Drx.ShortCycleCount, parameters.Drx.OnDuration));
    }

    [Fact]
    public void ToParameters_ShortPhaseNotAWholeNumberOfCycles_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => RadioModelMapping.ToParameters(Model(Drx with { ShortPhaseMs = Ms(30) })));

        Assert.Contains("30 ms is not a whole number of 20 ms short cycles", error.Message, StringComparison.Ordinal);
    }

    private static RadioModel Model(DrxCycle? drx) => new("lte", Ms(260), Ms(15), Ms(10_120), drx, null);

    private static CitedValue Ms(double value) => new(value, "radio.csv", null);
}
