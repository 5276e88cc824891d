using HdrHistogram;
using Latency.Bench.Recording;
using Latency.Bench.Study;
using Latency.RunDirectory;
using Latency.Reports.Statistics;
using Latency.Scenarios.Workloads;

namespace Latency.Tests.Study;

/// <summary>Issue 10, point 8: cells run at their max rate until their p50-gain interval is narrow enough.</summary>
public sealed class AdaptiveSamplingTests
{
    private static readonly WorkloadDefinition Ping = new("ping", "d", "1.1", ConnectionMode.New,
        [new WorkloadRequest("ping", "GET", WorkloadRequest.ServiceRole, null, 0, 100, TimeSpan.Zero)], Replay: false, Location: null);

    private static StudyCell Cell(string probe, double? max) =>
        new(probe, ["beijing", probe], Ping, 6, new Dictionary<string, string>()) { MaxSessionsPerMinute = max };

    private static LongHistogram Sessions(Random random, int count, double medianUs, double spread)
    {
        var histogram = new LongHistogram(RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits);
        for (var i = 0; i < count; i++)
        {
            // Log-normal session times around the median: the shape of network latencies.
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            histogram.RecordValue((long)(medianUs * Math.Exp(spread * gaussian)));
        }

        return histogram;
    }

    private static void Observe(AdaptiveSampling sampling, string probe, HistogramBase origin, HistogramBase inRegion) =>
        sampling.Observe(
        [
            (new MetricKey($"{probe}.ping", "beijing", MetricKinds.Uncorrected), origin),
            (new MetricKey($"{probe}.ping", probe, MetricKinds.Uncorrected), inRegion),
            // Not sessions: a request and a phase of the same cell are ignored.
            (new MetricKey($"{probe}.ping", $"{probe}.ping", MetricKinds.Uncorrected), origin),
            (new MetricKey($"{probe}.ping", probe, MetricKinds.Connect), origin),
        ]);

    [Fact]
    public void Filter_OnlyCellsWithAHigherMaxRateAreAdaptive()
    {
        var sampling = new AdaptiveSampling(0.15, [Cell("mumbai", 24), Cell("jakarta", null), Cell("manila", 6)]);

        Assert.True(sampling.IsAdaptive(Cell("mumbai", 24)));
        Assert.NotNull(sampling.Filter(Cell("mumbai", 24), 1));
        Assert.Null(sampling.Filter(Cell("jakarta", null), 1));
        Assert.Null(sampling.Filter(Cell("manila", 6), 1));
    }

    [Fact]
    public void Evaluate_WideInterval_KeepsEveryArrival_NarrowInterval_ThinsToTheCellsOwnRate()
    {
        var random = new Random(3);
        var sampling = new AdaptiveSampling(0.15, [Cell("mumbai", 24)]);
        var filter = sampling.Filter(Cell("mumbai", 24), 7)!;

        // 25 sessions a side, widely spread: the interval is far wider than ±15%.
        Observe(sampling, "mumbai", Sessions(random, 25, 400_000, 0.8), Sessions(random, 25, 150_000, 0.8));
        sampling.Evaluate(TimeSpan.FromSeconds(10));
        Assert.Equal(10_000, Enumerable.Range(0, 10_000).Count(i => filter(i)));
        var wide = Assert.Single(sampling.Results);
        Assert.Null(wide.ReachedAt);
        Assert.InRange(wide.HalfWidth, 0.15, 10);

        // 400 more a side, tight: now narrow enough, and arrivals are kept at 6 of 24 a minute.
        Observe(sampling, "mumbai", Sessions(random, 400, 400_000, 0.15), Sessions(random, 400, 150_000, 0.15));
        sampling.Evaluate(TimeSpan.FromSeconds(20));
        var kept = Enumerable.Range(0, 10_000).Count(i => filter(i));
        Assert.InRange(kept, 2_350, 2_650); // 25% of 10,000 (binomial sd 43)
        var narrow = Assert.Single(sampling.Results);
        Assert.Equal(TimeSpan.FromSeconds(20), narrow.ReachedAt);
        Assert.InRange(narrow.HalfWidth, 0, 0.15 * AdaptiveSampling.Margin);
    }

    [Fact]
    public void HalfWidth_TooFewSessions_Infinite_OtherwiseTheReportsBootstrapInterval()
    {
        var random = new Random(5);
        var few = HistogramBuckets.From(Sessions(random, AdaptiveSampling.MinimumSessions - 1, 100_000, 0.1));
        var many = HistogramBuckets.From(Sessions(random, 300, 100_000, 0.1));

        Assert.Equal(double.PositiveInfinity, AdaptiveSampling.HalfWidth(few, many));
        var gain = new QuantileRatioBootstrap().Estimate(many, many, [0.5])[0];
        Assert.Equal((gain.Upper - gain.Lower) / 2 / gain.Gain, AdaptiveSampling.HalfWidth(many, many), 12);
    }

    [Fact]
    public void Keep_IsAPureFunctionOfSeedAndIndex_AtTheShare()
    {
        var first = Enumerable.Range(0, 1_000).Select(i => AdaptiveSampling.Keep(11, i, 0.3)).ToList();
        var again = Enumerable.Range(0, 1_000).Select(i => AdaptiveSampling.Keep(11, i, 0.3)).ToList();
        var otherSeed = Enumerable.Range(0, 1_000).Select(i => AdaptiveSampling.Keep(12, i, 0.3)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.InRange(Enumerable.Range(0, 100_000).Count(i => AdaptiveSampling.Keep(11, i, 0.3)), 29_500, 30_500);
    }
}
