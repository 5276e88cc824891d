using HdrHistogram;
using Latency.Bench.Distributed;
using Latency.RunDirectory;
using Latency.Tests.Reports;

namespace Latency.Tests.Distributed;

public class SharedScenarioMergeTests
{
    private static ScenarioResult Part(long ok, long failed, long intended, string errorKind, long errors, bool thresholdPassed) =>
        ManifestSamples.Partial().Scenarios[0] with
        {
            Name = "mumbai.ping",
            Connections = 8,
            IntendedIterations = intended,
            Iterations = new IterationCounts { Started = ok + failed, Completed = ok + failed, Ok = ok, Failed = failed, Dropped = 1, Late = 2 },
            Errors = new Dictionary<string, long> { [errorKind] = errors },
            Steps =
            [
                new StepResult
                {
                    Name = "beijing", Requests = ok + failed, Ok = ok, Failed = failed, Errors = new Dictionary<string, long> { [errorKind] = errors },
                    Latency = LatencySummary.Empty,
                },
            ],
            Thresholds = [new ThresholdResult { Text = "p50 < 15ms", Passed = thresholdPassed, Observed = "agent's own" }],
        };

    private static LongHistogram Histogram(params long[] values)
    {
        var histogram = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var value in values)
        {
            histogram.RecordValue(value);
        }

        return histogram;
    }

    [Fact]
    public void Merge_TwoAgentsShares_CountersAdded_FiguresAndThresholdsFromTheMergedHistograms()
    {
        // Agent a's sessions took 10 ms, agent b's 20 ms (three of them): alone, a passes "p50 < 15ms"; together they do not.
        var totals = new Dictionary<HistogramTag, HistogramBase>
        {
            [HistogramTag.ForIteration("mumbai.ping", HistogramTag.Corrected)] = Histogram(10_000, 10_000, 20_000, 20_000, 20_000),
            [HistogramTag.ForIteration("mumbai.ping", HistogramTag.Uncorrected)] = Histogram(10_000, 10_000, 20_000, 20_000, 20_000),
            [HistogramTag.ForStep("mumbai.ping", "beijing", HistogramTag.Uncorrected)] = Histogram(10_000, 20_000),
        };

        var merged = SharedScenarioMerge.Merge([Part(2, 1, 4, "timeout", 1, true), Part(3, 0, 4, "http_503", 2, false)], totals);

        Assert.Equal(5, merged.Iterations.Ok);
        Assert.Equal(1, merged.Iterations.Failed);
        Assert.Equal(2, merged.Iterations.Dropped);
        Assert.Equal(8, merged.IntendedIterations);
        Assert.Equal(16, merged.Connections);
        Assert.Equal(new Dictionary<string, long> { ["timeout"] = 1, ["http_503"] = 2 }, merged.Errors);
        var step = Assert.Single(merged.Steps);
        Assert.Equal(6, step.Requests);
        Assert.Equal(2, step.Latency.Count);
        Assert.Equal(5, merged.Corrected.Count);
        Assert.InRange(merged.Corrected.P50Us, 19_900, 20_100);
        var threshold = Assert.Single(merged.Thresholds);
        Assert.False(threshold.Passed);
        Assert.NotEqual("agent's own", threshold.Observed);
    }

    [Fact]
    public void Merge_OnePart_ReturnedAsItIs()
    {
        var part = Part(2, 1, 4, "timeout", 1, true);

        Assert.Same(part, SharedScenarioMerge.Merge([part], new Dictionary<HistogramTag, HistogramBase>()));
    }
}
