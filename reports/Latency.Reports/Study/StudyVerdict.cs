using System.Globalization;
using Latency.Reports.Statistics;

namespace Latency.Reports.Study;

/// <summary>
/// The one rule that says what a study row found, used by the first table, the gain chart, the opening sentence,
/// summary.json and summary.csv alike (issue 10: the rank-sum verdict and the gain's interval used to disagree on the
/// first screen). In order: <see cref="Errors"/> when more than the study's <c>max_error_rate</c> of either side's
/// sessions failed (its successful sessions are not what its users see); <see cref="TooFewSamples"/> when a side has
/// fewer successful sessions than a 95% interval of the median needs; otherwise <see cref="Faster"/> when the whole 95%
/// interval of the p50 gain is above 1 and the gain is at least the study's <c>practical_difference</c> (default 5%:
/// 1.05x), <see cref="Slower"/> when the interval is below 1 and the gain at most 1/1.05x, and
/// <see cref="NoDifference"/> otherwise: an interval holding 1, or a difference too small to matter to a user (issue
/// 11: a 1.02x gain measured precisely is not a reason to move a service).
/// </summary>
public static class StudyVerdict
{
    /// <summary>The study default of the practical difference: 5% (a gain of at least 1.05x, or at most 1/1.05x).</summary>
    public const double DefaultPracticalDifference = 0.05;

    /// <summary>In region faster: the p50 gain's whole interval is above 1.</summary>
    public const string Faster = "faster";

    /// <summary>In region slower: the p50 gain's whole interval is below 1.</summary>
    public const string Slower = "slower";

    /// <summary>The p50 gain's interval holds 1.</summary>
    public const string NoDifference = "no_difference";

    /// <summary>Either side failed more often than the study allows.</summary>
    public const string Errors = "errors";

    /// <summary>A side has too few successful sessions for an interval (or none, or the row has no in-region side).</summary>
    public const string TooFewSamples = "too_few_samples";

    /// <summary>Every verdict, in the order the opening sentence counts them.</summary>
    public static readonly IReadOnlyList<string> All = [Faster, Slower, NoDifference, Errors, TooFewSamples];

    /// <summary>The verdict of <paramref name="row"/> from its p50 gain (null when not estimated).</summary>
    /// <param name="row">The row, with its failures.</param>
    /// <param name="gainP50">The row's p50 gain and bootstrap interval; null when either side has no successful session.</param>
    /// <param name="maxErrorRate">The share of failed sessions (0-1) a side may have.</param>
    /// <param name="practicalDifference">The smallest gain that counts, as a share (0.05: at least 1.05x faster or slower).</param>
    public static string Decide(StudyRow row, GainEstimate? gainP50, double maxErrorRate, double practicalDifference = DefaultPracticalDifference)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Origin.FailureRate > maxErrorRate || row.InRegion?.FailureRate > maxErrorRate)
        {
            return Errors;
        }

        if (gainP50 is null || gainP50.TooFewSamples || double.IsNaN(gainP50.Lower) || double.IsNaN(gainP50.Upper))
        {
            return TooFewSamples;
        }

        var least = 1 + practicalDifference;
        return gainP50.Lower > 1 && gainP50.Gain >= least ? Faster
            : gainP50.Upper < 1 && gainP50.Gain <= 1 / least ? Slower
            : NoDifference;
    }

    /// <summary>The verdict as the report's tables say it, e.g. "in-region faster" or "errors (12% failed)".</summary>
    public static string Label(string verdict, StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return verdict switch
        {
            Faster => "in-region faster",
            Slower => "in-region slower",
            NoDifference => "no clear difference",
            Errors => $"errors ({Percent(Math.Max(row.Origin.FailureRate ?? 0, row.InRegion?.FailureRate ?? 0))} failed)",
            TooFewSamples => "too few sessions",
            _ => verdict,
        };
    }

    /// <summary>The rule in one sentence, for under the first table.</summary>
    /// <param name="maxErrorRate">The share of failed sessions (0-1) a side may have.</param>
    /// <param name="practicalDifference">The smallest gain that counts, as a share.</param>
    public static string Rule(double maxErrorRate, double practicalDifference = DefaultPracticalDifference) =>
        "Verdict: in-region faster when the whole 95% interval of the p50 gain is above 1x and the gain is at least " +
        Factor(1 + practicalDifference) + ", slower when the interval is below 1x and the gain at most 1/" + Factor(1 + practicalDifference) +
        ", otherwise no clear difference; \"errors\" when more than " + Percent(maxErrorRate) + " of either side's " +
        $"sessions failed, \"too few sessions\" below {SampleSizeRule.MinimumCount(0.5)} successful sessions a side. " +
        "Times, gains and intervals count successful sessions only.";

    private static string Factor(double gain) => gain.ToString("0.0#", CultureInfo.InvariantCulture) + "x";

    /// <summary>A share as a percentage: "1%", "0.5%", "12%".</summary>
    public static string Percent(double share) =>
        (share * 100).ToString(share * 100 >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture) + "%";
}
