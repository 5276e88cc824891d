using Latency.Reports.Statistics;
using Latency.Reports.Study;
using Latency.Tests.Statistics;

namespace Latency.Tests.Reports;

/// <summary>The first screen's words for a gain (issue 11): frequencies, graded intervals, share and time saved.</summary>
public sealed class GainWordingTests
{
    /// <summary>A p50 gain of 4.3x, faster in all the replicates.</summary>
    private static readonly GainEstimate Gain =
        StudySamples.Gain(3.62, 5.24, gain: 4.3) with { Lower80 = 3.91, Upper80 = 4.76, ShareFaster = 1 };

    [Theory]
    [InlineData(1.0, "faster in every resampled run")]
    [InlineData(1999 / 2000.0, "faster in nearly every resampled run")]
    [InlineData(1950 / 2000.0, "faster in nearly every resampled run")] // 19.5 of 20 rounds up
    [InlineData(1949 / 2000.0, "faster in 19 of 20 resampled runs")]
    [InlineData(0.95, "faster in 19 of 20 resampled runs")]
    [InlineData(0.5, "faster in 10 of 20 resampled runs")]
    [InlineData(0.025, "faster in 1 of 20 resampled runs")]
    [InlineData(0.0245, "faster in almost no resampled run")]
    [InlineData(0.0, "faster in none of the resampled runs")]
    public void Likelihood_ShareFaster_InTwentieths(double shareFaster, string expected)
    {
        Assert.Equal(expected, GainWording.Likelihood(Gain with { ShareFaster = shareFaster }));
    }

    [Fact]
    public void Likelihood_NotResampled_SaysSo()
    {
        Assert.Equal("not resampled: a side has no sessions", GainWording.Likelihood(Gain with { ShareFaster = double.NaN }));
    }

    [Fact]
    public void Likelihood_FromTheBootstrap_ReadsItsShare()
    {
        var origin = StatisticsSamples.Histogram(900, 1_000, 1_100, 1_200, 1_300);
        var inRegion = StatisticsSamples.Histogram(200, 250, 300, 350, 400);

        var gain = new QuantileRatioBootstrap().Estimate(origin, inRegion)[0];

        Assert.Equal("faster in every resampled run", GainWording.Likelihood(gain));
    }

    [Fact]
    public void Interval_NinetyFiveAndEightyPercent_VeryLikelyAndLikelyWithOneDecimal()
    {
        Assert.Equal("very likely between 3.6x and 5.2x", GainWording.Interval(Gain));
        Assert.Equal("likely between 3.9x and 4.8x", GainWording.Interval80(Gain));
    }

    [Fact]
    public void Interval_TenfoldAndMore_WholeGainsAsTheGridWritesThem()
    {
        Assert.Equal("very likely between 9.6x and 12x", GainWording.Interval(Gain with { Lower = 9.6, Upper = 12.4 }));
    }

    [Fact]
    public void Interval_BoundsReadAlike_OneGain()
    {
        Assert.Equal("very likely 2.5x", GainWording.Interval(Gain with { Lower = 2.5, Upper = 2.5 }));
    }

    [Fact]
    public void Interval_OtherLevel_ItsIpccWords()
    {
        Assert.Equal("likely between 3.6x and 5.2x", GainWording.Interval(Gain with { ConfidenceLevel = 0.8 }));
    }

    [Fact]
    public void Interval_None_SaysSo()
    {
        Assert.Equal("no interval", GainWording.Interval(Gain with { Lower = double.NaN, Upper = double.NaN }));
        Assert.Equal("no interval", GainWording.Interval80(Gain with { Lower80 = double.NaN, Upper80 = double.NaN }));
    }

    [Theory]
    [InlineData(4.3, "77% faster")] // 1 - 1/4.3 = 0.767: 77% less time
    [InlineData(2.0, "50% faster")]
    [InlineData(1.05, "5% faster")]
    [InlineData(0.8, "25% slower")] // 1/0.8 - 1 = 0.25: 25% more time
    [InlineData(0.5, "100% slower")]
    [InlineData(0.25, "300% slower")]
    [InlineData(1.0, "as fast")]
    [InlineData(1.004, "less than 1% faster")]
    [InlineData(0.996, "less than 1% slower")]
    [InlineData(150.0, "99% faster")] // 99.33%
    [InlineData(300.0, "more than 99% faster")] // 99.67%: not 100%, which would mean no time at all
    public void PercentFaster_ShareOfTime(double gain, string expected)
    {
        Assert.Equal(expected, GainWording.PercentFaster(gain));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void PercentFaster_NoGain_Throws(double gain)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GainWording.PercentFaster(gain));
    }

    [Theory]
    [InlineData(1_500, 300, "1.2 s saved")]
    [InlineData(250, 70, "180 ms saved")]
    [InlineData(100, 140, "40 ms more")]
    [InlineData(3_000, 5_500, "2.5 s more")]
    [InlineData(1_000.4, 0.6, "1.0 s saved")] // 999.8 ms rounds to 1000 ms: in seconds
    [InlineData(1_000, 0.6, "999 ms saved")]
    [InlineData(12_340, 0, "12.3 s saved")]
    [InlineData(100.2, 100, "less than 1 ms saved")]
    [InlineData(100, 100, "no time saved")]
    public void TimeSaved_MillisecondsBelowASecondSecondsAbove(double originMs, double inRegionMs, string expected)
    {
        Assert.Equal(expected, GainWording.TimeSaved(originMs, inRegionMs));
    }

    [Fact]
    public void TimeSaved_NotFinite_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GainWording.TimeSaved(double.NaN, 100));
    }
}
