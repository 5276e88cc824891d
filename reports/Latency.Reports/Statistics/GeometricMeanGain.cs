namespace Latency.Reports.Statistics;

/// <summary>
/// One gain for a workload across countries: the geometric mean of the countries' p50 gains (each country weighs the
/// same, whatever its number of sessions), with an interval from the countries' own bootstrap intervals. Written by
/// hand: no served package combines ratio intervals.
/// </summary>
/// <remarks>
/// Gains are ratios, so they are averaged on the log scale: 2x and 0.5x average to 1x. Each country's log gain gets a
/// standard error from its percentile interval's width (ln upper - ln lower) / (2 z), treating the bootstrap
/// distribution of the log gain as near normal; the countries are independent samples, so the mean's standard error
/// is sqrt(sum se^2) / k (the delta method on independent estimates; Efron and Tibshirani 1993, ch. 5). The interval is
/// mean ± z se, back on the gain scale. Approximate where a country's interval is very skewed; the report shows the
/// countries' own intervals next to it.
/// </remarks>
public sealed record GeometricMeanGain
{
    /// <summary>The interval's confidence level; the countries' intervals must have the same.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>
    /// The pooled gain of <paramref name="gains"/>; null when none has a finite positive gain and interval.
    /// </summary>
    /// <param name="gains">One gain per country, each with its bootstrap interval at <see cref="ConfidenceLevel"/>.</param>
    public PooledGain? Estimate(IReadOnlyList<GainEstimate> gains)
    {
        ArgumentNullException.ThrowIfNull(gains);
        var usable = gains.Where(g => g.Gain > 0 && g.Lower > 0 && g.Upper >= g.Lower && double.IsFinite(g.Gain) && double.IsFinite(g.Upper)).ToList();
        if (usable.Count == 0)
        {
            return null;
        }

        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - (1 - ConfidenceLevel) / 2);
        var meanLog = usable.Average(g => Math.Log(g.Gain));
        var variance = usable.Sum(g => Math.Pow((Math.Log(g.Upper) - Math.Log(g.Lower)) / (2 * z), 2));
        var standardError = Math.Sqrt(variance) / usable.Count;
        return new PooledGain(Math.Exp(meanLog), Math.Exp(meanLog - z * standardError), Math.Exp(meanLog + z * standardError), usable.Count, ConfidenceLevel);
    }
}
