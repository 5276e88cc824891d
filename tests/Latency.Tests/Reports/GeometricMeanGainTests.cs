using Latency.Reports.Statistics;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class GeometricMeanGainTests
{
    private static GainEstimate Gain(double gain, double lower, double upper) => new()
    {
        Probability = 0.5, Gain = gain, Lower = lower, Upper = upper, ConfidenceLevel = 0.95, OriginQuantile = 1, InRegionQuantile = 1,
        OriginCount = 100, InRegionCount = 100, TooFewSamples = false, Replicates = 2000, Seed = 1,
    };

    [Fact]
    public void Estimate_FourAndOneQuarter_GeometricMeanOneWithAnIntervalNarrowerThanEither()
    {
        var pooled = new GeometricMeanGain().Estimate([Gain(4, 2, 8), Gain(0.25, 0.125, 0.5)])!;

        Assert.Equal(1.0, pooled.Gain, 12);
        // Each log interval is ln 4 wide: se = ln 4 / (2 x 1.96) each, sqrt(2) se / 2 pooled = se / sqrt 2.
        var se = Math.Log(4) / (2 * 1.959963984540054) / Math.Sqrt(2);
        Assert.Equal(Math.Exp(-1.959963984540054 * se), pooled.Lower, 9);
        Assert.Equal(Math.Exp(1.959963984540054 * se), pooled.Upper, 9);
        Assert.Equal(2, pooled.Countries);
    }

    [Fact]
    public void Estimate_OneCountry_ItsOwnGainAndInterval()
    {
        var pooled = new GeometricMeanGain().Estimate([Gain(3, 2, 4.5)])!;

        Assert.Equal((3.0, 2.0, 4.5), (Math.Round(pooled.Gain, 9), Math.Round(pooled.Lower, 9), Math.Round(pooled.Upper, 9)));
    }

    [Fact]
    public void Estimate_NoFiniteInterval_Null()
    {
        Assert.Null(new GeometricMeanGain().Estimate([Gain(3, double.NaN, double.NaN)]));
        Assert.Null(new GeometricMeanGain().Estimate([]));
    }
}
