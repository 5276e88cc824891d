using Latency.Reports.Statistics;

namespace Latency.Reports.Compare;

/// <summary>
/// What one quantile's ratio current / baseline says, from its 95% bootstrap interval and a tolerance:
/// <see cref="Regression"/> when the whole interval lies above 1 + tolerance, <see cref="Improvement"/> when it lies
/// below 1 - tolerance, <see cref="TooFewSamples"/> when either run has fewer samples than the interval needs
/// (<see cref="SampleSizeRule"/>, as the report says "few samples"; this comes first), otherwise <see cref="NoChange"/>.
/// An interval that straddles a tolerance bound is no_change: the data cannot tell a change from the noise.
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
        "otherwise no_change";

    /// <summary>The verdict of <paramref name="ratio"/> (current / baseline) with <paramref name="tolerance"/> (0.05 = 5%).</summary>
    public static string Decide(GainEstimate ratio, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        if (ratio.TooFewSamples || !double.IsFinite(ratio.Lower) || !double.IsFinite(ratio.Upper))
        {
            return TooFewSamples;
        }

        return ratio.Lower > 1 + tolerance ? Regression
            : ratio.Upper < 1 - tolerance ? Improvement
            : NoChange;
    }
}
