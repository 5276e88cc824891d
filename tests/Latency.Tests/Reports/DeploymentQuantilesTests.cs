using HdrHistogram;
using Latency.RunDirectory;
using Latency.Reports.Statistics;
using Latency.Reports.Study;

namespace Latency.Tests.Reports;

public class DeploymentQuantilesTests
{
    private static readonly HistogramTag Tag = new("mumbai.app-cold-start", "mumbai", HistogramTag.Uncorrected);

    private static DeploymentSessions Sessions(long count) => new() { Deployment = "mumbai", Tag = Tag, Count = count, P50Us = 0, P95Us = 0 };

    private static RunData Run(params long[] valuesUs) => new()
    {
        Directory = "/nowhere",
        Totals = new Dictionary<HistogramTag, HistogramBase> { [Tag] = StudySamples.Histogram(valuesUs) },
    };

    [Fact]
    public void From_HundredSessions_IntervalsBracketEstimatesWithEnoughSamples()
    {
        // 1..100 ms: the median is about 50 ms, p95 about 95 ms.
        var run = Run(Enumerable.Range(1, 100).Select(i => i * 1000L).ToArray());

        var quantiles = DeploymentQuantiles.From(run, Sessions(100))!;

        Assert.Equal((0.5, 0.95), (quantiles.P50.Probability, quantiles.P95.Probability));
        foreach (var q in new[] { quantiles.P50, quantiles.P95 })
        {
            Assert.Equal(100, q.Count);
            Assert.False(q.TooFewSamples);
            Assert.InRange(q.Estimate, q.Lower, q.Upper);
            Assert.True(q.Upper > q.Lower);
        }

        Assert.InRange(quantiles.P50.Estimate, 45_000, 56_000);
        Assert.InRange(quantiles.P95.Estimate, 90_000, 100_000);
    }

    [Fact]
    public void From_FewerSessionsThanP95Needs_MarksOnlyP95()
    {
        // 20 sessions: enough for a 95% median interval (6), not for p95 (59).
        var run = Run(Enumerable.Range(1, 20).Select(i => i * 1000L).ToArray());

        var quantiles = DeploymentQuantiles.From(run, Sessions(20))!;

        Assert.False(quantiles.P50.TooFewSamples);
        Assert.True(quantiles.P95.TooFewSamples);
    }

    [Fact]
    public void From_NoSessionsOrNoHistogram_IsNull()
    {
        Assert.Null(DeploymentQuantiles.From(Run(), Sessions(0)));
        Assert.Null(DeploymentQuantiles.From(new RunData { Directory = "/nowhere" }, Sessions(10)));
        Assert.Null(DeploymentQuantiles.From(Run(1000), null));
    }

    [Theory]
    [InlineData(412_300, 398_000, 431_400, false, "412 (398-431)")]
    [InlineData(60_031, 45_500, 99_900, false, "60.0 (45.5-99.9)")]
    [InlineData(8_250, 8_004, 9_100, true, "8.25 (8.00-9.10, few samples)")]
    public void Ms_QuantileEstimate_ValueAndIntervalInMs(double estimate, double lower, double upper, bool tooFew, string expected)
    {
        var q = new QuantileEstimate
        {
            Probability = 0.5, Estimate = estimate, Lower = lower, Upper = upper, ConfidenceLevel = 0.95, Count = 10,
            TooFewSamples = tooFew, Method = "test",
        };

        Assert.Equal(expected, HistogramSamples.WithCulture(HistogramSamples.GermanNumbers(), () => ReportFormat.Ms(q)));
    }

    [Fact]
    public void Ms_NoEstimate_IsDash()
    {
        Assert.Equal("-", ReportFormat.Ms((QuantileEstimate?)null));
    }
}
