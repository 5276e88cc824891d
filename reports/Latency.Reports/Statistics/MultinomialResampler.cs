namespace Latency.Reports.Statistics;

/// <summary>
/// Draws a bootstrap resample of a histogram as new bucket counts: a Multinomial(n; counts / n) draw, which is exactly
/// what resampling the n values with replacement gives, done in O(buckets) as a chain of conditional binomials
/// (bucket j gets Binomial(remaining draws, count_j / remaining count)).
/// </summary>
/// <remarks>
/// Binomials with a mean below 50 are drawn exactly by inversion (Devroye 1986, "Non-Uniform Random Variate
/// Generation", §X.4); larger ones from the normal approximation with continuity correction (rounded, clamped), whose
/// error at such means is far below the bucket resolution of the quantiles the bootstrap feeds.
/// </remarks>
internal sealed class MultinomialResampler(Random random)
{
    private const double InversionMeanLimit = 50;

    /// <summary>Fills <paramref name="resampled"/> with one resample of <paramref name="counts"/> (total <paramref name="n"/>).</summary>
    public void Resample(long[] counts, long n, long[] resampled)
    {
        var remainingDraws = n;
        var remainingCount = n;
        for (var j = 0; j < counts.Length; j++)
        {
            if (remainingDraws == 0)
            {
                resampled[j] = 0;
                continue;
            }

            var k = counts[j] >= remainingCount ? remainingDraws : Binomial(remainingDraws, (double)counts[j] / remainingCount);
            resampled[j] = k;
            remainingDraws -= k;
            remainingCount -= counts[j];
        }
    }

    /// <summary>One Binomial(<paramref name="n"/>, <paramref name="p"/>) variate.</summary>
    public long Binomial(long n, double p)
    {
        if (n <= 0 || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return n;
        }

        var flip = p > 0.5;
        var q = flip ? 1 - p : p;
        var mean = n * q;
        long k;
        if (mean < InversionMeanLimit)
        {
            // Inversion: walk the pmf from 0; P(0) = (1 - q)^n >= e^-50-ish, no underflow.
            var s = q / (1 - q);
            var a = (n + 1) * s;
            var r = Math.Pow(1 - q, n);
            var u = random.NextDouble();
            k = 0;
            while (u > r && k < n)
            {
                u -= r;
                k++;
                r *= a / k - s;
                if (r <= 0)
                {
                    break;
                }
            }
        }
        else
        {
            var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            k = Math.Clamp((long)Math.Floor(mean + Math.Sqrt(mean * (1 - q)) * gauss + 0.5), 0, n);
        }

        return flip ? n - k : k;
    }
}
