using System.Globalization;
using Latency.Reports.Charts;
using Latency.Reports.Statistics;

namespace Latency.Reports.Study;

/// <summary>
/// A gain in the words a product lead reads: how often the in-region deployment was faster among the bootstrap's
/// resampled runs ("faster in 19 of 20 resampled runs"), its intervals as "likely" and "very likely" ranges, and the
/// time it saves as a share and in milliseconds or seconds. Frequencies and graded intervals are what lay readers read
/// uncertainty from best (Kay et al. 2016; Wilke, "Fundamentals of Data Visualization", ch. 16); "likely" and "very
/// likely" are the IPCC's calibrated words (at least 66% and at least 90%), so the 80% and 95% intervals get them.
/// </summary>
/// <remarks>
/// Pure and culture-invariant: the same figures give the same words on every machine. Short phrases without a capital
/// or a full stop, for the document to put into its own sentences.
/// </remarks>
public static class GainWording
{
    /// <summary>The resampled runs a share is told in: twentieths ("19 of 20"), a frequency people picture.</summary>
    public const int Runs = 20;

    /// <summary>
    /// How often the in-region deployment was faster in the bootstrap's resampled runs, e.g. "faster in 19 of 20
    /// resampled runs", from <see cref="GainEstimate.ShareFaster"/> rounded half up to twentieths: n of 20 when
    /// ShareFaster &gt;= (n - 0.5) / 20, so 20 of 20 needs at least 0.975 and 0 of 20 means under 0.025. Only a share of
    /// exactly 1 or 0 is "every" or "none"; one that rounds to 20 or 0 without being it is "nearly every" or "almost
    /// no", so the words never claim more than the replicates showed.
    /// </summary>
    /// <param name="gain">The gain; without resampled runs (a side had no sessions) the phrase says so.</param>
    public static string Likelihood(GainEstimate gain)
    {
        ArgumentNullException.ThrowIfNull(gain);
        var share = gain.ShareFaster;
        if (double.IsNaN(share))
        {
            return "not resampled: a side has no sessions";
        }

        // Compared with (n - 0.5) / 20 rather than rounding share x 20: 1950 / 2000 and 19.5 / 20 are the same double,
        // where the product can land a hair under 19.5.
        var runs = Enumerable.Range(1, Runs).Count(n => share >= (n - 0.5) / Runs);
        return (runs, share) switch
        {
            (_, >= 1) => "faster in every resampled run",
            (_, <= 0) => "faster in none of the resampled runs",
            (Runs, _) => "faster in nearly every resampled run",
            (0, _) => "faster in almost no resampled run",
            _ => $"faster in {runs.ToString(CultureInfo.InvariantCulture)} of {Runs.ToString(CultureInfo.InvariantCulture)} resampled runs",
        };
    }

    /// <summary>
    /// The gain's confidence interval (95% as the report computes it) in words, e.g. "very likely between 3.6x and
    /// 5.2x", gains as <see cref="GainScale.Format(double)"/> writes them; "no interval" when there is none.
    /// </summary>
    /// <param name="gain">The gain.</param>
    public static string Interval(GainEstimate gain)
    {
        ArgumentNullException.ThrowIfNull(gain);
        return Between(gain.ConfidenceLevel, gain.Lower, gain.Upper);
    }

    /// <summary>The gain's 80% interval in words, e.g. "likely between 3.9x and 4.8x"; "no interval" when there is none.</summary>
    /// <param name="gain">The gain.</param>
    public static string Interval80(GainEstimate gain)
    {
        ArgumentNullException.ThrowIfNull(gain);
        return Between(QuantileRatioBootstrap.InnerConfidenceLevel, gain.Lower80, gain.Upper80);
    }

    /// <summary>
    /// The share of time a gain saves, in whole percent: "77% faster" for a gain of 4.3 means the in-region session
    /// takes 77% less time (1 - 1/gain); "25% slower" for a gain of 0.8 means it takes 25% more time (1/gain - 1).
    /// "as fast" for a gain of exactly 1, "less than 1% faster/slower" when the share rounds to 0, and "more than 99%
    /// faster" from 99.5% on, as 100% faster would mean no time at all.
    /// </summary>
    /// <param name="gain">Origin time / in-region time; finite and above 0.</param>
    public static string PercentFaster(double gain)
    {
        if (!double.IsFinite(gain) || gain <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "a gain is finite and above 0");
        }

        if (gain == 1)
        {
            return "as fast";
        }

        var (share, word) = gain > 1 ? (1 - 1 / gain, "faster") : (1 / gain - 1, "slower");
        var percent = Math.Round(share * 100, MidpointRounding.AwayFromZero);
        return (percent, word) switch
        {
            (0, _) => $"less than 1% {word}",
            (>= 100, "faster") => "more than 99% faster",
            _ => $"{percent.ToString("0", CultureInfo.InvariantCulture)}% {word}",
        };
    }

    /// <summary>
    /// The time the in-region deployment saves per session, e.g. "1.2 s saved", "180 ms saved", or "40 ms more" when it
    /// takes longer: seconds with one decimal from 1 s on, whole milliseconds below; "no time saved" when both are
    /// equal and "less than 1 ms saved/more" when the difference rounds to 0 ms.
    /// </summary>
    /// <param name="originMs">The origin's session time in milliseconds.</param>
    /// <param name="inRegionMs">The in-region deployment's session time in milliseconds.</param>
    public static string TimeSaved(double originMs, double inRegionMs)
    {
        if (!double.IsFinite(originMs) || !double.IsFinite(inRegionMs))
        {
            throw new ArgumentOutOfRangeException(nameof(originMs), "both times must be finite");
        }

        var difference = originMs - inRegionMs;
        if (difference == 0)
        {
            return "no time saved";
        }

        var word = difference > 0 ? "saved" : "more";
        var ms = Math.Round(Math.Abs(difference), MidpointRounding.AwayFromZero);
        // Decided on the rounded milliseconds: 999.6 ms is "1.0 s", not "1000 ms".
        return ms switch
        {
            0 => $"less than 1 ms {word}",
            >= 1000 => $"{(Math.Abs(difference) / 1000).ToString("0.0", CultureInfo.InvariantCulture)} s {word}",
            _ => $"{ms.ToString("0", CultureInfo.InvariantCulture)} ms {word}",
        };
    }

    /// <summary>"very likely between 3.6x and 5.2x" (IPCC words for the level), or one gain when both bounds read alike.</summary>
    private static string Between(double level, double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || lower <= 0)
        {
            return "no interval";
        }

        var likely = level switch
        {
            >= 0.9 => "very likely",
            >= 0.66 => "likely",
            _ => $"{(level * 100).ToString("0", CultureInfo.InvariantCulture)}% likely",
        };
        var (from, to) = (GainScale.Format(lower), GainScale.Format(upper));
        return from == to ? $"{likely} {from}" : $"{likely} between {from} and {to}";
    }
}
