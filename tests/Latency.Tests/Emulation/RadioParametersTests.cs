using Latency.Micro.Radio;
using Latency.World.Radio;

namespace Latency.Tests.Emulation;

/// <summary>Validation of the radio model, from <see cref="IllustrativeRadio"/>'s round values.</summary>
public class RadioParametersTests
{
    private static readonly RadioParameters Valid = IllustrativeRadio.Parameters;

    [Fact]
    public void Validate_ValidParameters_NoErrors()
    {
        Assert.Empty(Valid.Validate());
        Valid.ThrowIfInvalid();
    }

    [Fact]
    public void Validate_ZeroDrxInactivityAndZeroShortCycles_Valid()
    {
        var drx = Valid.Drx! with { InactivityTimer = TimeSpan.Zero, ShortCycleCount = 0 };

        Assert.Empty((Valid with { Drx = drx }).Validate());
    }

    [Fact]
    public void Validate_NoDrx_Valid()
    {
        Assert.Empty((Valid with { Drx = null }).Validate());
    }

    [Fact]
    public void Validate_EveryFieldWrong_ListsEveryError()
    {
        var invalid = new RadioParameters(
            PromotionDelayMean: TimeSpan.FromMilliseconds(-1),
            PromotionDelayStandardDeviation: TimeSpan.FromMilliseconds(-2),
            TailTimer: TimeSpan.Zero,
            Drx: new DrxParameters(
                InactivityTimer: TimeSpan.FromMilliseconds(-3),
                ShortCycle: TimeSpan.Zero,
                ShortCycleCount: -1,
                LongCycle: TimeSpan.FromMilliseconds(-4),
                OnDuration: TimeSpan.Zero));

        var errors = invalid.Validate();

        Assert.Equal(8, errors.Count);
        foreach (var field in new[]
                 {
                     "promotion delay mean", "promotion delay standard deviation", "tail timer",
                     "DRX inactivity timer", "short DRX cycle", "short DRX cycle count", "long DRX cycle",
                     "on-duration",
                 })
        {
            Assert.Contains(errors, e => e.StartsWith(field + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_InconsistentCyclesAndZeroMeanWithSpread_ListsEach()
    {
        var invalid = Valid with
        {
            PromotionDelayMean = TimeSpan.Zero,
            Drx = Valid.Drx! with { ShortCycle = TimeSpan.FromMilliseconds(80), OnDuration = TimeSpan.FromMilliseconds(50) },
        };

        var errors = invalid.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("needs a positive mean", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("longer than the long DRX cycle", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("on-duration", StringComparison.Ordinal));
    }

    [Fact]
    public void ThrowIfInvalid_TwoErrors_OneMessageWithBoth()
    {
        var invalid = Valid with { TailTimer = TimeSpan.Zero, Drx = Valid.Drx! with { ShortCycleCount = -2 } };

        var error = Assert.Throws<ArgumentException>(invalid.ThrowIfInvalid);

        Assert.Contains("tail timer", error.Message, StringComparison.Ordinal);
        Assert.Contains("short DRX cycle count -2", error.Message, StringComparison.Ordinal);
    }
}
