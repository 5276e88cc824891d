using Latency.Reports.Statistics;

namespace Latency.Tests.Statistics;

public class BetweenRunSpreadTests
{
    [Fact]
    public void Estimate_LognormalRuns_RecoversTheSpreadOfTheLogRatioOfTwoRuns()
    {
        // Runs whose level varies lognormally with sigma 0.03: the log ratio of two runs has SD 0.03 x sqrt(2).
        var random = new Random(7);
        var estimates = Enumerable.Range(0, 200).Select(_ =>
        {
            var runs = Enumerable.Range(0, 30).Select(_ => StatisticsSamples.LogNormal(random, Math.Log(100_000), 0.03)).Select(v => (double)v).ToList();
            return BetweenRunSpread.Estimate(runs)!.Value;
        }).ToList();
        Assert.InRange(estimates.Average(), 0.03 * Math.Sqrt(2) * 0.9, 0.03 * Math.Sqrt(2) * 1.1);
    }

    [Fact]
    public void Estimate_OneStepInTheHistory_BarelyMovesIt()
    {
        var random = new Random(3);
        var flat = Enumerable.Range(0, 20).Select(_ => 100_000 * Math.Exp(0.01 * Normal(random))).ToList();
        var stepped = flat.Select((v, i) => i >= 10 ? v * 1.5 : v).ToList();
        var flatSpread = BetweenRunSpread.Estimate(flat)!.Value;
        var steppedSpread = BetweenRunSpread.Estimate(stepped)!.Value;
        // A plain SD of the levels would be ~0.2 here (a 50% step); the median of consecutive ratios ignores the one jump.
        Assert.InRange(steppedSpread, flatSpread * 0.7, flatSpread * 1.4);
    }

    [Fact]
    public void Estimate_FewerThanFiveRuns_IsNone() =>
        Assert.Null(BetweenRunSpread.Estimate([100, 101, 99, 100]));

    [Fact]
    public void Estimate_UsesOnlyTheMostRecentRuns()
    {
        // Noisy long ago, steady lately: only the last 30 count.
        var old = Enumerable.Range(0, 30).Select(i => i % 2 == 0 ? 100.0 : 150.0);
        var recent = Enumerable.Range(0, 30).Select(i => i % 2 == 0 ? 100.0 : 101.0);
        var spread = BetweenRunSpread.Estimate(old.Concat(recent).ToList())!.Value;
        Assert.InRange(spread, 0.014, 0.015);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
