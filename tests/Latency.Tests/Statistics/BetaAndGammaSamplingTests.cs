using MathNet.Numerics.Distributions;

namespace Latency.Tests.Statistics;

/// <summary>
/// The Math.NET Numerics beta and gamma samplers that <c>BootstrapQuantileSampler</c> draws order statistics with,
/// checked at the shapes it uses: a rank k of n values needs Beta(k, n - k + 1) and the next rank Beta(1, n - k), with
/// n up to hundreds of millions, where a sampler that lost double precision would show in the variance.
/// </summary>
public class BetaAndGammaSamplingTests
{
    private const int Draws = 200_000;

    /// <summary>
    /// Gamma(a, 1): mean a, variance a, excess kurtosis 6/a. 0.3 takes Marsaglia-Tsang's boost (shape &lt; 1), 1 and
    /// 4.5 the plain method, 1e7 and 1e9 are rank-sized (a standard deviation of √a, 3e-5 of the mean at 1e9).
    /// </summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(4.5)]
    [InlineData(1e7)]
    [InlineData(1e9)]
    public void Gamma_MeanAndVariance_MatchAtSmallAndRankSizedShapes(double shape)
    {
        var random = new Random(11);

        var draws = Enumerable.Range(0, Draws).Select(_ => Gamma.Sample(random, shape, 1.0)).ToArray();

        Assert.All(draws, x => Assert.True(x > 0));
        MomentAssert.Matches(draws, mean: shape, variance: shape, excessKurtosis: 6 / shape, $"Gamma({shape})");
    }

    /// <summary>
    /// Beta(a, b): mean a/(a+b), variance ab/((a+b)²(a+b+1)). (1, 1e9) is the gap after a rank of a billion values
    /// (mean and standard deviation 1e-9), (5e8, 5e8 + 1) and (9.9e7, 1e6 + 1) the p50 and p99 ranks of that many and
    /// of a hundred million (standard deviations of 1.6e-5 and 1e-5 around 0.5 and 0.99).
    /// </summary>
    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(2.0, 3.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.0, 7.0)]
    [InlineData(1.0, 1e9)]
    [InlineData(5e8, 5e8 + 1)]
    [InlineData(9.9e7, 1e6 + 1)]
    public void Beta_MeanAndVariance_MatchAtSmallAndRankSizedShapes(double a, double b)
    {
        var random = new Random(12);

        var draws = Enumerable.Range(0, Draws).Select(_ => Beta.Sample(random, a, b)).ToArray();

        var sum = a + b;
        var excessKurtosis = 6 * ((a - b) * (a - b) * (sum + 1) - a * b * (sum + 2)) / (a * b * (sum + 2) * (sum + 3));
        Assert.All(draws, x => Assert.InRange(x, 0, 1));
        MomentAssert.Matches(draws, mean: a / sum, variance: a * b / (sum * sum * (sum + 1)), excessKurtosis, $"Beta({a}, {b})");
    }
}
