using MathNet.Numerics;

namespace Latency.Micro.Soak;

/// <summary>Growth of a memory series: least-squares slope and fixed-width windows, as the soaks report them.</summary>
public static class RssTrend
{
    /// <summary>
    /// The least-squares slope of <paramref name="points"/> (MiB per minute), or NaN with fewer than two distinct times.
    /// A line through every sample, not first against last: one collection at either end would otherwise be the result.
    /// </summary>
    /// <param name="points">Minute and MiB of each sample.</param>
    public static double Slope(IReadOnlyList<(double Minute, double Mb)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Select(p => p.Minute).Distinct().Count() < 2)
        {
            return double.NaN;
        }

        return Fit.Line(points.Select(p => p.Minute).ToArray(), points.Select(p => p.Mb).ToArray()).B;
    }

    /// <summary>The window <paramref name="minute"/> falls in, windows of <paramref name="width"/> minutes from 0 (negative before 0).</summary>
    /// <param name="minute">Minutes since the origin.</param>
    /// <param name="width">The windows' width, minutes.</param>
    public static int Window(double minute, double width) => (int)Math.Floor(minute / width);
}
