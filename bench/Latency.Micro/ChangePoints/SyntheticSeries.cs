namespace Latency.Micro.ChangePoints;

/// <summary>
/// A night-by-night series of one quantile of one row, as the history would hold it: a level, per-run lognormal noise
/// (a run's quantile is a product of many small effects, and never negative), and an optional injected step or spike.
/// </summary>
public static class SyntheticSeries
{
    /// <summary>The level before any change; arbitrary, the detector compares ratios.</summary>
    public const double Level = 1000;

    /// <summary>
    /// <paramref name="runs"/> values: <see cref="Level"/> times <c>exp(noise * N(0, 1))</c>, times
    /// <c>1 + change.Size</c> on the runs <paramref name="change"/> covers.
    /// </summary>
    /// <param name="random">The seeded source, so a series can be made again.</param>
    /// <param name="runs">Values in the series.</param>
    /// <param name="noise">The lognormal sigma: about the run-to-run coefficient of variation (0.02 = 2 %).</param>
    /// <param name="change">The injected step or spike; null for a flat series.</param>
    public static double[] Generate(Random random, int runs, double noise, InjectedChange? change)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            var factor = change is not null && change.Covers(run) ? 1 + change.Size : 1;
            values[run] = Level * Math.Exp(noise * StandardNormal(random)) * factor;
        }

        return values;
    }

    /// <summary>A standard normal draw (Box-Muller), from two uniform draws of <paramref name="random"/>.</summary>
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
