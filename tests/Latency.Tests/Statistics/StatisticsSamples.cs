using HdrHistogram;

namespace Latency.Tests.Statistics;

internal static class StatisticsSamples
{
    /// <summary>The run directory's histogram shape: 1 µs to 1 hour, 3 significant digits (0.1% value quantisation).</summary>
    public static LongHistogram Histogram(params long[] valuesUs)
    {
        var histogram = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var value in valuesUs)
        {
            histogram.RecordValue(value);
        }

        return histogram;
    }

    /// <summary>One lognormal draw (Box-Muller), rounded to whole µs.</summary>
    public static long LogNormal(Random random, double mu, double sigma)
    {
        var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return (long)Math.Round(Math.Exp(mu + sigma * gauss));
    }
}
