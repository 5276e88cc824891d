using Latency.RunDirectory;
using Latency.Reports.Statistics;
using Latency.Reports.Study;

namespace Latency.Tests.Reports;

/// <summary>The one verdict rule of a study row (issue 10, point 3), case by case.</summary>
public sealed class StudyVerdictTests
{
    private static DeploymentSessions Side(string name, long count, long? failed) => new()
    {
        Deployment = name,
        Tag = new HistogramTag("mumbai.login", name, HistogramTag.Uncorrected),
        Count = count,
        P50Us = 100_000,
        P95Us = 200_000,
        Failed = failed,
    };

    private static StudyRow Row(long originCount = 100, long? originFailed = 0, long inRegionCount = 100, long? inRegionFailed = 0) => new()
    {
        Probe = "mumbai",
        Country = "India",
        Workload = "login",
        Scenario = "mumbai.login",
        Origin = Side("beijing", originCount, originFailed),
        InRegion = Side("mumbai", inRegionCount, inRegionFailed),
    };

    [Theory]
    [InlineData(1.01, 1.03, 1.02, 0.05, StudyVerdict.NoDifference)]
    [InlineData(1.01, 1.08, 1.049, 0.05, StudyVerdict.NoDifference)]
    [InlineData(1.01, 1.08, 1.05, 0.05, StudyVerdict.Faster)]
    [InlineData(1.01, 1.03, 1.02, 0.0, StudyVerdict.Faster)]
    [InlineData(0.97, 0.99, 0.98, 0.05, StudyVerdict.NoDifference)]
    [InlineData(0.90, 0.99, 0.95, 0.05, StudyVerdict.Slower)]
    [InlineData(0.90, 0.99, 0.96, 0.05, StudyVerdict.NoDifference)]
    public void Decide_ClearButSmallerThanThePracticalDifference_NoDifference(double lower, double upper, double gain, double practical, string expected)
    {
        Assert.Equal(expected, StudyVerdict.Decide(Row(), StudySamples.Gain(lower, upper, gain: gain), 0.01, practical));
    }

    [Theory]
    [InlineData(1.2, 3.0, StudyVerdict.Faster)]
    [InlineData(0.3, 0.9, StudyVerdict.Slower)]
    [InlineData(0.9, 1.4, StudyVerdict.NoDifference)]
    [InlineData(1.0, 1.4, StudyVerdict.NoDifference)]
    public void Decide_ByTheP50GainInterval(double lower, double upper, string expected)
    {
        Assert.Equal(expected, StudyVerdict.Decide(Row(), StudySamples.Gain(lower, upper), 0.01));
    }

    [Theory]
    [InlineData(100, 2L, 100, 0L, 0.01, StudyVerdict.Errors)]      // origin 2/102 = 2% > 1%
    [InlineData(100, 0L, 100, 2L, 0.01, StudyVerdict.Errors)]      // in region 2% > 1%
    [InlineData(0, 0L, 0, 12L, 0.01, StudyVerdict.Errors)]         // in region failed every session
    [InlineData(100, 1L, 100, 1L, 0.01, StudyVerdict.Faster)]      // 1/101 < 1%
    [InlineData(100, 2L, 100, 0L, 0.05, StudyVerdict.Faster)]      // the study allows 5%
    [InlineData(100, null, 100, null, 0.01, StudyVerdict.Faster)]  // failures unknown (old run.json)
    public void Decide_TooManyFailuresOnEitherSide_Errors(long originCount, long? originFailed, long inRegionCount, long? inRegionFailed,
        double maxErrorRate, string expected)
    {
        var row = Row(originCount, originFailed, inRegionCount, inRegionFailed);

        Assert.Equal(expected, StudyVerdict.Decide(row, StudySamples.Gain(1.5, 2.5), maxErrorRate));
    }

    [Fact]
    public void Decide_ErrorsWinOverAClearGain()
    {
        Assert.Equal(StudyVerdict.Errors, StudyVerdict.Decide(Row(inRegionFailed: 50), StudySamples.Gain(5, 9), 0.01));
    }

    [Fact]
    public void Decide_NoGainOrTooFewSamples_TooFewSamples()
    {
        Assert.Equal(StudyVerdict.TooFewSamples, StudyVerdict.Decide(Row(), null, 0.01));
        Assert.Equal(StudyVerdict.TooFewSamples, StudyVerdict.Decide(Row(), StudySamples.Gain(1.5, 2.5, tooFew: true), 0.01));
    }

    [Fact]
    public void Label_Errors_SaysTheWorstSidesShare()
    {
        Assert.Equal("errors (12% failed)", StudyVerdict.Label(StudyVerdict.Errors, Row(inRegionCount: 88, inRegionFailed: 12)));
        Assert.Equal("in-region faster", StudyVerdict.Label(StudyVerdict.Faster, Row()));
    }
}
