using Latency.Scenarios.Load;

namespace Latency.Tests.Load;

public class PoissonPacerTests
{
    private static readonly InjectRandom Steady200 = new(200, 200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));

    private static List<TimeSpan> All(IPacer pacer) =>
        Enumerable.Range(0, checked((int)pacer.PlannedArrivals)).Select(k => pacer.DueTime(k)!.Value).ToList();

    [Fact]
    public void DueTime_SameSeed_IdenticalSchedule()
    {
        var simulation = new InjectRandom(20, 80, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));

        var first = All(new PoissonPacer(simulation, seed: 42));
        var second = All(new PoissonPacer(simulation, seed: 42));

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void DueTime_DifferentSeed_DifferentSchedule()
    {
        var simulation = new InjectRandom(20, 80, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));

        var first = All(new PoissonPacer(simulation, seed: 1));
        var second = All(new PoissonPacer(simulation, seed: 2));

        Assert.NotEqual(first, second);
        // Not merely shifted or one arrival apart: most arrival times differ.
        Assert.True(first.Intersect(second).Count() < Math.Min(first.Count, second.Count) / 10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(123_456)]
    public void PlannedArrivals_200PerSecondFor100s_WithinThreeStandardDeviations(int seed)
    {
        var pacer = new PoissonPacer(Steady200, seed);

        // Poisson count: mean = variance = 200 * 100 = 20000, so 3 sd = 3 * sqrt(20000) ~ 424.
        var mean = 200.0 * 100;
        Assert.InRange(pacer.PlannedArrivals, mean - 3 * Math.Sqrt(mean), mean + 3 * Math.Sqrt(mean));
    }

    [Fact]
    public void PlannedArrivals_RateDrawnPerInterval_WithinThreeStandardDeviations()
    {
        // Rate uniform on [100, 300] per 1 s interval, 100 intervals. Total variance = E[Var(N|rate)] + Var(E[N|rate])
        // = 100 * 200 + 100 * (200^2 / 12); mean = 100 * 200.
        var pacer = new PoissonPacer(new InjectRandom(100, 300, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100)), seed: 3);
        var mean = 20000.0;
        var sd = Math.Sqrt(100 * 200 + 100 * (200.0 * 200 / 12));

        Assert.InRange(pacer.PlannedArrivals, mean - 3 * sd, mean + 3 * sd);
    }

    [Fact]
    public void DueTime_Steady_GapsAreExponentialWithCoefficientOfVariationNearOne()
    {
        var due = All(new PoissonPacer(Steady200, seed: 5));
        var gaps = due.Zip(due.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();

        var mean = gaps.Average();
        var sd = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / (gaps.Count - 1));

        // Exponential gaps: mean 1/rate = 5 ms, and sd equal to the mean (CV 1). Evenly spaced arrivals would give CV 0.
        Assert.InRange(mean, 0.0045, 0.0055);
        Assert.InRange(sd / mean, 0.9, 1.1);
    }

    [Fact]
    public void DueTime_Sequential_NonDecreasingAndInsideThePhase()
    {
        var due = All(new PoissonPacer(new InjectRandom(50, 150, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30)), seed: 9));

        Assert.NotEmpty(due);
        Assert.True(due[0] >= TimeSpan.Zero);
        for (var k = 1; k < due.Count; k++)
        {
            Assert.True(due[k] >= due[k - 1], $"arrival {k} at {due[k]} is before arrival {k - 1} at {due[k - 1]}");
        }

        Assert.True(due[^1] <= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void DueTime_RandomOrder_EqualsSequentialAccess()
    {
        var simulation = new InjectRandom(50, 150, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var sequential = All(new PoissonPacer(simulation, seed: 11));
        var fresh = new PoissonPacer(simulation, seed: 11);
        var order = Enumerable.Range(0, sequential.Count).ToArray();
        new Random(2024).Shuffle(order);

        foreach (var k in order)
        {
            Assert.Equal(sequential[k], fresh.DueTime(k));
        }

        Assert.Null(fresh.DueTime(sequential.Count));
        Assert.Null(fresh.DueTime(-1));
    }

    [Fact]
    public void DueTime_ZeroRate_PlansNothing()
    {
        var pacer = new PoissonPacer(new InjectRandom(0, 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), seed: 1);

        Assert.Equal(0, pacer.PlannedArrivals);
        Assert.Null(pacer.DueTime(0));
    }
}
