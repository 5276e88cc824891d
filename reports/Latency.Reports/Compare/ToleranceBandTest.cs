using MathNet.Numerics.Distributions;

namespace Latency.Reports.Compare;

/// <summary>
/// The p-value of "this ratio lies outside the tolerance band [1 - tolerance, 1 + tolerance]", read off the ratio and
/// its 95% interval: each side of the interval gives that side's standard error of log(ratio) (the interval's half
/// width in log space over z₀.₉₇₅), and the one-sided p-value of the nearer band edge is doubled. So with one
/// comparison alone, p ≤ 0.05 exactly when the whole interval lies beyond a band edge, the rule the interval states;
/// the p-value is what lets <see cref="Statistics.BenjaminiHochberg"/> correct for many rows at once.
/// </summary>
public static class ToleranceBandTest
{
    /// <summary>The family-wide false-discovery rate the verdicts keep (and the single comparison's two-sided level).</summary>
    public const double FalseDiscoveryRate = 0.05;

    private static readonly double Z = Normal.InvCDF(0, 1, 1 - FalseDiscoveryRate / 2);

    /// <summary>
    /// The two-sided p-value (1 when the ratio lies inside the band) and whether the ratio is on the slower side; NaN
    /// when the ratio or an interval bound is not finite.
    /// </summary>
    /// <param name="ratio">Current / baseline.</param>
    /// <param name="lower">The 95% interval's lower bound.</param>
    /// <param name="upper">The 95% interval's upper bound.</param>
    /// <param name="tolerance">The band's half width as a share (0.05 = 5%).</param>
    public static (double PValue, bool Slower) PValue(double ratio, double lower, double upper, double tolerance)
    {
        if (!double.IsFinite(ratio) || !double.IsFinite(lower) || !double.IsFinite(upper) || ratio <= 0 || lower <= 0)
        {
            return (double.NaN, ratio > 1);
        }

        var slower = ratio > 1;
        var (edge, bound) = slower ? (1 + tolerance, lower) : (1 - tolerance, upper);
        // Distance beyond the band edge in standard errors of log(ratio), on the interval's side facing the edge.
        var distance = slower ? Math.Log(ratio / edge) : Math.Log(edge / ratio);
        var standardError = Math.Abs(Math.Log(ratio / bound)) / Z;
        if (distance <= 0 || edge <= 0)
        {
            return (1, slower);
        }

        var oneSided = standardError > 0 ? 1 - Normal.CDF(0, 1, distance / standardError) : 0;
        return (Math.Min(1, 2 * oneSided), slower);
    }
}
