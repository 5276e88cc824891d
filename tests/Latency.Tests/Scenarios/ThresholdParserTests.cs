using Latency.Scenarios.Suites;
using Xunit;

namespace Latency.Tests.Scenarios;

public sealed class ThresholdParserTests
{
    public static TheoryData<string, string?, ThresholdMetric, double?, ThresholdOperator, double, bool> Valid => new()
    {
        { "p99 < 800ms", null, ThresholdMetric.Percentile, 99, ThresholdOperator.LessThan, 800_000, false },
        { "p50<=250us", null, ThresholdMetric.Percentile, 50, ThresholdOperator.LessThanOrEqual, 250, false },
        { "p99.9 < 1.5s", null, ThresholdMetric.Percentile, 99.9, ThresholdOperator.LessThan, 1_500_000, false },
        { "P95 > 1ms", null, ThresholdMetric.Percentile, 95, ThresholdOperator.GreaterThan, 1_000, false },
        { "max >= 2m", null, ThresholdMetric.Max, null, ThresholdOperator.GreaterThanOrEqual, 120_000_000, false },
        { "errors < 1%", null, ThresholdMetric.Errors, null, ThresholdOperator.LessThan, 1, true },
        { "errors <= 0.5 %", null, ThresholdMetric.Errors, null, ThresholdOperator.LessThanOrEqual, 0.5, true },
        { "errors < 10", null, ThresholdMetric.Errors, null, ThresholdOperator.LessThan, 10, false },
        { "dropped < 5", null, ThresholdMetric.Dropped, null, ThresholdOperator.LessThan, 5, false },
        { "dropped < 2%", null, ThresholdMetric.Dropped, null, ThresholdOperator.LessThan, 2, true },
        { "config: p95 <= 300ms", "config", ThresholdMetric.Percentile, 95, ThresholdOperator.LessThanOrEqual, 300_000, false },
        { "get.user-1 : errors < 1%", "get.user-1", ThresholdMetric.Errors, null, ThresholdOperator.LessThan, 1, true },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidText_ReturnsDefinition(
        string text, string? step, ThresholdMetric metric, double? percentile, ThresholdOperator op, double value, bool isPercentage)
    {
        Assert.True(ThresholdParser.TryParse(text, out var threshold, out var error), error);
        Assert.Equal(new ThresholdDefinition(text, step, metric, percentile, op, value, isPercentage, null), threshold);
    }

    [Theory]
    [InlineData("", "threshold is empty; expected [step:] metric operator value, e.g. \"p99 < 800ms\", \"errors < 1%\" or \"config: p95 <= 300ms\"")]
    [InlineData("p99 800ms", "cannot read 'p99 800ms'; expected [step:] metric operator value, e.g. \"p99 < 800ms\", \"errors < 1%\" or \"config: p95 <= 300ms\"")]
    [InlineData("p99 == 800ms", "unknown operator '=='; use <, <=, > or >=")]
    [InlineData("p99 = 800ms", "unknown operator '='; use <, <=, > or >=")]
    [InlineData("p100 < 1s", "percentile must be between 0 and 100, exclusive (got 'p100'); e.g. p50, p99, p99.9")]
    [InlineData("p0 < 1s", "percentile must be between 0 and 100, exclusive (got 'p0'); e.g. p50, p99, p99.9")]
    [InlineData("p9.9.9 < 1s", "percentile must be between 0 and 100, exclusive (got 'p9.9.9'); e.g. p50, p99, p99.9")]
    [InlineData("mean < 1s", "unknown metric 'mean'; use p<N> (e.g. p50, p99, p99.9), max, errors or dropped")]
    [InlineData("p99 < 800", "latency value '800': duration needs a unit, e.g. 30s")]
    [InlineData("max < 5%", "latency value '5%': unknown duration unit '%' in '5%' (use us, ms, s, m, h)")]
    [InlineData("errors < 1s", "errors takes a count or a percentage, e.g. 5 or 1% (got '1s')")]
    [InlineData("errors < -1", "errors takes a count or a percentage, e.g. 5 or 1% (got '-1')")]
    [InlineData("dropped < 101%", "percentage must be at most 100% (got '101%')")]
    [InlineData("config: dropped < 5", "dropped is counted per iteration, not per step; remove the step prefix")]
    [InlineData(": p99 < 1s", "step name before ':' is empty")]
    [InlineData("my step: p99 < 1s", "step 'my step' may only contain letters, digits, '_', '.' and '-'")]
    public void TryParse_BadText_ExplainsWhy(string text, string expected)
    {
        Assert.False(ThresholdParser.TryParse(text, out var threshold, out var error));
        Assert.Null(threshold);
        Assert.Equal(expected, error);
    }
}
