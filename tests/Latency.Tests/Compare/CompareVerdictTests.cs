using Latency.Reports.Compare;
using Latency.Tests.Reports;

namespace Latency.Tests.Compare;

public class CompareVerdictTests
{
    [Theory]
    [InlineData(1.06, 1.20, CompareVerdict.Regression)]
    [InlineData(1.04, 1.20, CompareVerdict.NoChange)]
    [InlineData(0.97, 1.03, CompareVerdict.NoChange)]
    [InlineData(0.80, 0.94, CompareVerdict.Improvement)]
    [InlineData(0.80, 0.96, CompareVerdict.NoChange)]
    public void Decide_IntervalAgainstFivePercentBand(double lower, double upper, string expected) =>
        Assert.Equal(expected, CompareVerdict.Decide(StudySamples.Gain(lower, upper), 0.05));

    [Fact]
    public void Decide_TooFewSamples_WinsOverARegression() =>
        Assert.Equal(CompareVerdict.TooFewSamples, CompareVerdict.Decide(StudySamples.Gain(1.5, 2, tooFew: true), 0.05));

    [Fact]
    public void Decide_ZeroTolerance_AnyIntervalAboveOneIsARegression() =>
        Assert.Equal(CompareVerdict.Regression, CompareVerdict.Decide(StudySamples.Gain(1.001, 1.01), 0));
}
