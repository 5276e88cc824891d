using Latency.Reports.Statistics;

namespace Latency.Tests.Statistics;

public class BenjaminiHochbergTests
{
    [Fact]
    public void Adjust_TextbookExample_MatchesTheStepUp()
    {
        // m = 5; sorted p (0.01, 0.02, 0.03, 0.04, 0.20) x m / rank = (0.05, 0.05, 0.05, 0.05, 0.20), then the running minimum from the top.
        var adjusted = BenjaminiHochberg.Adjust([0.03, 0.20, 0.01, 0.04, 0.02]);
        Assert.Equal([0.05, 0.20, 0.05, 0.05, 0.05], adjusted.Select(a => Math.Round(a, 12)).ToArray());
    }

    [Fact]
    public void Adjust_EnforcesMonotonicityFromTheTop()
    {
        // 0.04 x 2 / 1 = 0.08 would exceed the larger p-value's 0.045 x 2 / 2: the step-up takes the smaller.
        var adjusted = BenjaminiHochberg.Adjust([0.04, 0.045]);
        Assert.Equal(0.045, adjusted[0], 12);
        Assert.Equal(0.045, adjusted[1], 12);
    }

    [Fact]
    public void Adjust_OneTest_IsThePValue() => Assert.Equal(0.03, BenjaminiHochberg.Adjust([0.03])[0], 12);

    [Fact]
    public void Adjust_ManyTrueNulls_RaiseNoAlarmWhereOneTestWould()
    {
        // 126 uniform p-values (a 42-row study x 3 quantiles on a quiet night): some are below 0.05 alone, none after.
        var pValues = Enumerable.Range(1, 126).Select(i => i / 127.0).ToList();
        Assert.Contains(pValues, p => p <= 0.05);
        Assert.All(BenjaminiHochberg.Adjust(pValues), a => Assert.True(a > 0.05, $"adjusted {a}"));
    }

    [Fact]
    public void Adjust_AStrongSignalAmongNulls_StillStandsOut()
    {
        var pValues = Enumerable.Range(1, 125).Select(i => i / 126.0).Append(1e-6).ToList();
        Assert.True(BenjaminiHochberg.Adjust(pValues)[^1] <= 0.05);
    }

    [Fact]
    public void Adjust_APValueOutsideZeroToOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BenjaminiHochberg.Adjust([0.5, 1.5]));
}
