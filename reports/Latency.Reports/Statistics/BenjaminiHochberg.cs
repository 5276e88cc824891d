namespace Latency.Reports.Statistics;

/// <summary>
/// Benjamini-Hochberg adjusted p-values (Benjamini &amp; Hochberg 1995, "Controlling the false discovery rate"): the
/// i-th smallest of m p-values becomes min over j ≥ i of (m / j) p₍ⱼ₎, capped at 1; rejecting every hypothesis whose
/// adjusted p-value is at most q keeps the expected share of false discoveries at most q. When every hypothesis is
/// true (an A/A night) that is the chance of any false alarm at all, however many rows a study compares.
/// </summary>
/// <remarks>Written here: MathNet.Numerics and Perfolizer offer no multiple-testing correction; the step-up is a sort and one pass.</remarks>
public static class BenjaminiHochberg
{
    /// <summary>The adjusted p-values, in the order of <paramref name="pValues"/>.</summary>
    /// <param name="pValues">One p-value per hypothesis, each in [0, 1].</param>
    public static IReadOnlyList<double> Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        if (pValues.Any(p => double.IsNaN(p) || p is < 0 or > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(pValues), "every p-value must be in [0, 1]");
        }

        var m = pValues.Count;
        // Ascending by p-value; ties keep their input order, so the same inputs always give the same output.
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var index = order[rank - 1];
            running = Math.Min(running, pValues[index] * m / rank);
            adjusted[index] = running;
        }

        return adjusted;
    }
}
