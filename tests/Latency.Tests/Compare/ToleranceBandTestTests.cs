using Latency.Reports.Compare;

namespace Latency.Tests.Compare;

public class ToleranceBandTestTests
{
    [Theory]
    // The lower bound just above / below 1.05: p just below / above 0.05, whatever the interval's width.
    [InlineData(1.10, 1.051, 1.15, true)]
    [InlineData(1.10, 1.049, 1.15, false)]
    [InlineData(1.30, 1.0505, 1.60, true)]
    [InlineData(1.30, 1.0495, 1.60, false)]
    // Faster: the upper bound against 0.95.
    [InlineData(0.90, 0.85, 0.949, true)]
    [InlineData(0.90, 0.85, 0.951, false)]
    public void PValue_AtMostFivePercent_ExactlyWhenTheIntervalClearsTheBand(double ratio, double lower, double upper, bool significant)
    {
        var (p, slower) = ToleranceBandTest.PValue(ratio, lower, upper, 0.05);
        Assert.Equal(significant, p <= 0.05);
        Assert.Equal(ratio > 1, slower);
    }

    [Fact]
    public void PValue_RatioInsideTheBand_IsOne() =>
        Assert.Equal(1, ToleranceBandTest.PValue(1.03, 1.01, 1.05, 0.05).PValue);

    [Fact]
    public void PValue_FartherBeyondTheBand_IsSmaller()
    {
        var near = ToleranceBandTest.PValue(1.08, 1.06, 1.10, 0.05).PValue;
        var far = ToleranceBandTest.PValue(1.20, 1.18, 1.22, 0.05).PValue;
        Assert.True(far < near, $"far {far} vs near {near}");
    }

    [Fact]
    public void PValue_NoInterval_IsNaN() =>
        Assert.True(double.IsNaN(ToleranceBandTest.PValue(1.2, double.NaN, double.NaN, 0.05).PValue));
}
