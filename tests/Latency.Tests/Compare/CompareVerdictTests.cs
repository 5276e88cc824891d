using Latency.Reports.Compare;

namespace Latency.Tests.Compare;

public class CompareVerdictTests
{
    [Theory]
    [InlineData(1.06, 1.20, CompareVerdict.Regression)]
    [InlineData(1.04, 1.20, CompareVerdict.NoChange)]
    [InlineData(0.97, 1.03, CompareVerdict.NoChange)]
    [InlineData(0.80, 0.94, CompareVerdict.Improvement)]
    [InlineData(0.80, 0.96, CompareVerdict.NoChange)]
    public void Decide_OneComparison_IntervalAgainstFivePercentBand(double lower, double upper, string expected)
    {
        var quantile = Quantile(lower, upper, 0.05);
        // One comparison: the adjusted p-value is the p-value, and it agrees with the interval.
        Assert.Equal(expected, CompareVerdict.Decide(quantile, quantile.PValue, 0.05));
    }

    [Fact]
    public void Decide_TooFewSamples_WinsOverARegression()
    {
        var quantile = Quantile(1.5, 2, 0.05) with { TooFewSamples = true };
        Assert.Equal(CompareVerdict.TooFewSamples, CompareVerdict.Decide(quantile, quantile.PValue, 0.05));
    }

    [Fact]
    public void Decide_ZeroTolerance_AnyIntervalAboveOneIsARegression()
    {
        var quantile = Quantile(1.001, 1.01, 0);
        Assert.Equal(CompareVerdict.Regression, CompareVerdict.Decide(quantile, quantile.PValue, 0));
    }

    [Fact]
    public void Decide_IntervalAboveTheBandButNotSignificantAfterCorrection_IsNoChange()
    {
        var quantile = Quantile(1.06, 1.20, 0.05);
        Assert.True(quantile.PValue < 0.05);
        Assert.Equal(CompareVerdict.NoChange, CompareVerdict.Decide(quantile, 0.2, 0.05));
    }

    /// <summary>A quantile with the ratio at the interval's geometric middle and its p-value against the band.</summary>
    private static QuantileComparison Quantile(double lower, double upper, double tolerance)
    {
        var ratio = Math.Sqrt(lower * upper);
        return new QuantileComparison
        {
            Probability = 0.5,
            Ratio = ratio,
            Lower = lower,
            Upper = upper,
            BaselineUs = 100_000,
            CurrentUs = 100_000 * ratio,
            PValue = ToleranceBandTest.PValue(ratio, lower, upper, tolerance).PValue,
            Verdict = CompareVerdict.NoChange,
        };
    }
}
