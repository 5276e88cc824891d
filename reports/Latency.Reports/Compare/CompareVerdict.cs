namespace Latency.Reports.Compare;

/// <summary>
/// What one quantile's ratio current / baseline says, from its 95% interval, its corrected p-value and a tolerance:
/// <see cref="Regression"/> when the whole interval lies above 1 + tolerance, <see cref="Improvement"/> when it lies
/// below 1 - tolerance, <see cref="TooFewSamples"/> when either run has fewer samples than the interval needs
/// (<see cref="Statistics.SampleSizeRule"/>, as the report says "few samples"; this comes first), otherwise
/// <see cref="NoChange"/>. An interval that straddles a tolerance bound is no_change: the data cannot tell a change from
/// the noise. With many rows a change must also keep its Benjamini-Hochberg adjusted p-value
/// (<see cref="ToleranceBandTest"/>) at or below 5%, so the chance of any false alarm on a quiet night stays near 5%
/// however many rows are compared.
/// </summary>
public static class CompareVerdict
{
    public const string Regression = "regression";

    public const string Improvement = "improvement";

    public const string NoChange = "no_change";

    public const string TooFewSamples = "too_few_samples";

    /// <summary>The default tolerance: 5%.</summary>
    public const double DefaultTolerance = 0.05;

    /// <summary>The rule in one sentence, for the documents.</summary>
    public static string Rule(double tolerance) =>
        $"regression when the 95% interval of current / baseline lies wholly above {1 + tolerance:0.###}, improvement when " +
        $"it lies wholly below {1 - tolerance:0.###}, too_few_samples when a run has fewer samples than the interval needs, " +
        "otherwise no_change; the interval is the bootstrap's within the two runs, widened where the history shows runs " +
        "differing by more, and with many rows a change must also pass the Benjamini-Hochberg correction (5% false discoveries)";

    /// <summary>The verdict of <paramref name="quantile"/> (current / baseline) with <paramref name="tolerance"/> (0.05 = 5%).</summary>
    /// <param name="quantile">The quantile's ratio, interval and sample sufficiency.</param>
    /// <param name="adjustedPValue">Its Benjamini-Hochberg adjusted p-value among all quantiles compared.</param>
    /// <param name="tolerance">The band's half width as a share.</param>
    public static string Decide(QuantileComparison quantile, double adjustedPValue, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(quantile);
        if (quantile.TooFewSamples || !double.IsFinite(quantile.Lower) || !double.IsFinite(quantile.Upper))
        {
            return TooFewSamples;
        }

        // Both conditions: the interval beyond the band (what the reader sees) and the corrected p-value (with one
        // comparison the same thing; with many, the stricter).
        var significant = adjustedPValue <= ToleranceBandTest.FalseDiscoveryRate;
        return significant && quantile.Lower > 1 + tolerance ? Regression
            : significant && quantile.Upper < 1 - tolerance ? Improvement
            : NoChange;
    }
}
