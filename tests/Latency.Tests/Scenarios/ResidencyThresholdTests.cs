using Latency.Scenarios.Residency;
using Latency.Scenarios.Suites;

namespace Latency.Tests.Scenarios;

/// <summary>Issue 19: <c>residency: CN bytes_sent == 0</c> and its relatives, read and judged.</summary>
public sealed class ResidencyThresholdTests
{
    public static TheoryData<string, string, ResidencyMetric, ThresholdOperator, double, bool> Valid => new()
    {
        { "residency: CN bytes_sent == 0", "CN", ResidencyMetric.BytesSent, ThresholdOperator.Equal, 0, false },
        { "residency: CN requests < 5%", "CN", ResidencyMetric.Requests, ThresholdOperator.LessThan, 5, true },
        { "residency:HK bytes_received<=2MB", "HK", ResidencyMetric.BytesReceived, ThresholdOperator.LessThanOrEqual, 2_000_000, false },
        { " residency: CN bytes_sent >= 10KB ", "CN", ResidencyMetric.BytesSent, ThresholdOperator.GreaterThanOrEqual, 10_000, false },
        { "residency: EU requests > 3", "EU", ResidencyMetric.Requests, ThresholdOperator.GreaterThan, 3, false },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_Valid_ReadsEveryPart(string text, string jurisdiction, ResidencyMetric metric, ThresholdOperator op, double value, bool percent)
    {
        Assert.True(ResidencyThresholdParser.TryParse(text, out var threshold, out var error), error);

        Assert.Equal((text.Trim(), jurisdiction, metric, op, value, percent),
            (threshold.Text, threshold.Jurisdiction, threshold.Metric, threshold.Operator, threshold.Value, threshold.IsPercentage));
    }

    [Theory]
    [InlineData("residency: China bytes_sent == 0", "jurisdiction 'China' must be two upper-case letters, e.g. CN")]
    [InlineData("residency: CN bytes == 0", "unknown residency metric 'bytes'; use bytes_sent, bytes_received or requests")]
    [InlineData("residency: CN bytes_sent = 0", "unknown operator '='; use ==, <, <=, > or >=")]
    [InlineData("residency: CN requests < 2MB", "requests takes a count or a percentage, e.g. 0 or 5% (got '2MB')")]
    [InlineData("residency: CN bytes_sent < 120%", "percentage must be at most 100% (got '120%')")]
    [InlineData("residency: CN", "cannot read 'residency: CN'; expected residency: JURISDICTION metric operator value, e.g. \"residency: CN bytes_sent == 0\" or \"residency: CN requests < 5%\"")]
    public void TryParse_Invalid_SaysWhatIsWrong(string text, string expected)
    {
        Assert.False(ResidencyThresholdParser.TryParse(text, out _, out var error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void IsWritten_OnlyTheResidencyPrefix()
    {
        Assert.True(ResidencyThreshold.IsWritten("  residency: CN requests == 0"));
        Assert.False(ResidencyThreshold.IsWritten("app-cold-start: p95 < 2s"));
        Assert.False(ResidencyThreshold.IsWritten("p95 < 2s"));
    }

    [Fact]
    public void Evaluate_BytesSentEqualZero_FailsOnOneByteAndSaysHowMany()
    {
        Assert.True(ResidencyThresholdParser.TryParse("residency: CN bytes_sent == 0", out var threshold, out _));

        var clean = ResidencyThresholdEvaluator.Evaluate(threshold, new ResidencyObservation(0, 0, 0, 30, 60_000, 9_000));
        var leaked = ResidencyThresholdEvaluator.Evaluate(threshold, new ResidencyObservation(0, 1, 0, 30, 60_000, 9_000));

        Assert.True(clean.Passed);
        Assert.False(leaked.Passed);
        Assert.Equal(1, leaked.Observed);
        Assert.Equal("residency: CN bytes_sent == 0: observed 1 bytes of 60,000 (failed)", leaked.Description);
    }

    [Fact]
    public void Evaluate_RequestsPercentage_IsAShareOfTheOptionsRequests()
    {
        Assert.True(ResidencyThresholdParser.TryParse("residency: CN requests < 10%", out var threshold, out _));

        var result = ResidencyThresholdEvaluator.Evaluate(threshold, new ResidencyObservation(10, 1024, 1024, 30, 60_000, 9_000));
        var none = ResidencyThresholdEvaluator.Evaluate(threshold, new ResidencyObservation(0, 0, 0, 0, 0, 0));

        Assert.False(result.Passed);
        Assert.Equal(100.0 / 3, result.Observed, 9);
        Assert.Equal("residency: CN requests < 10%: observed 33.333% (10 of 30 requests) (failed)", result.Description);
        Assert.True(none.Passed); // nothing sent, nothing sent there
    }
}
