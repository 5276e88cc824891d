namespace Latency.Tests.Statistics;

/// <summary>
/// Checks a sampler's draws against the mean and variance of its distribution, each within five standard errors:
/// the mean's is √(σ²/N), the sample variance's σ²√((κ - 1)/N) with κ the distribution's kurtosis (3 + excess), both
/// near-normal at the sizes used. Seeded draws make each check deterministic; a correct sampler would miss five
/// standard errors with a probability under 1e-6 per check, while a sampler whose mean or variance is off by more than
/// five standard errors (1-5% of the variance at 200,000 draws) fails.
/// </summary>
internal static class MomentAssert
{
    private const double StandardErrors = 5;

    public static void Matches(IReadOnlyList<double> draws, double mean, double variance, double excessKurtosis, string what)
    {
        var n = draws.Count;
        var sampleMean = draws.Average();
        var sampleVariance = draws.Sum(x => (x - sampleMean) * (x - sampleMean)) / (n - 1);
        var meanTolerance = StandardErrors * Math.Sqrt(variance / n);
        var varianceTolerance = StandardErrors * variance * Math.Sqrt((excessKurtosis + 2) / n);
        Assert.True(Math.Abs(sampleMean - mean) <= meanTolerance,
            $"{what}: mean {sampleMean:R}, expected {mean:R} ± {meanTolerance:G3}");
        Assert.True(Math.Abs(sampleVariance - variance) <= varianceTolerance,
            $"{what}: variance {sampleVariance:R}, expected {variance:R} ± {varianceTolerance:G3}");
    }
}
