using Latency.Scenarios.Suites;
using Xunit;

namespace Latency.Tests.Scenarios;

public sealed class ThresholdEvaluatorTests
{
    // Latency grows with the percentile so that a wrong percentile passed through gives a wrong answer:
    // p50 -> 500 ms, p99 -> 990 ms, p99.9 -> 999 ms.
    private static readonly ThresholdObservation Observation = new(
        LatencyAtPercentileMicros: p => (long)Math.Round(p * 10_000),
        MaxMicros: 1_200_000,
        Iterations: 1_000,
        Errors: 15,
        Dropped: 4,
        Intended: 200);

    [Theory]
    [InlineData("p99 < 1s", true, 990_000, "p99 < 1s: observed 990ms (passed)")]
    [InlineData("p99 < 990ms", false, 990_000, "p99 < 990ms: observed 990ms (failed)")]
    [InlineData("p99 <= 990ms", true, 990_000, "p99 <= 990ms: observed 990ms (passed)")]
    [InlineData("p99.9 < 999ms", false, 999_000, "p99.9 < 999ms: observed 999ms (failed)")]
    [InlineData("p50 > 400ms", true, 500_000, "p50 > 400ms: observed 500ms (passed)")]
    [InlineData("p50 >= 600ms", false, 500_000, "p50 >= 600ms: observed 500ms (failed)")]
    [InlineData("max < 1s", false, 1_200_000, "max < 1s: observed 1.2s (failed)")]
    [InlineData("errors < 1%", false, 1.5, "errors < 1%: observed 1.5% (failed)")]
    [InlineData("errors < 2%", true, 1.5, "errors < 2%: observed 1.5% (passed)")]
    [InlineData("errors <= 15", true, 15, "errors <= 15: observed 15 (passed)")]
    [InlineData("errors < 15", false, 15, "errors < 15: observed 15 (failed)")]
    [InlineData("dropped < 5", true, 4, "dropped < 5: observed 4 (passed)")]
    [InlineData("dropped < 2%", false, 2, "dropped < 2%: observed 2% (failed)")]
    [InlineData("dropped <= 2%", true, 2, "dropped <= 2%: observed 2% (passed)")]
    public void Evaluate_Observation_ComparesMetricWithValue(string text, bool passed, double observed, string description)
    {
        Assert.True(ThresholdParser.TryParse(text, out var threshold, out var error), error);

        var result = ThresholdEvaluator.Evaluate(threshold, Observation);

        Assert.Equal(new ThresholdEvaluation(threshold, passed, observed, description), result);
    }

    [Fact]
    public void Evaluate_LatencyWithNoIterations_Fails()
    {
        Assert.True(ThresholdParser.TryParse("p99 < 1s", out var threshold, out _));
        var empty = new ThresholdObservation(_ => 0, 0, 0, 0, 0, 0);

        var result = ThresholdEvaluator.Evaluate(threshold, empty);

        Assert.False(result.Passed);
        Assert.Equal("p99 < 1s: no iterations were recorded (failed)", result.Description);
    }

    [Fact]
    public void Evaluate_ErrorRatioWithNoIterations_ObservesZero()
    {
        Assert.True(ThresholdParser.TryParse("errors < 1%", out var threshold, out _));
        var empty = new ThresholdObservation(_ => 0, 0, 0, 0, 0, 0);

        var result = ThresholdEvaluator.Evaluate(threshold, empty);

        Assert.True(result.Passed);
        Assert.Equal(0, result.Observed);
    }
}
