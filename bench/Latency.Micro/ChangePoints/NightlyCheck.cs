using Latency.Reports.Statistics;

namespace Latency.Micro.ChangePoints;

/// <summary>
/// Runs <see cref="ChangePointDetector"/> as a nightly <c>history check</c> would: on night <c>n</c> it sees runs
/// <c>0..n</c> only. Consecutive nights that report a slower level are one alert, dated and placed by the first of them
/// (the night someone is told).
/// </summary>
public static class NightlyCheck
{
    /// <summary>The alerts over <paramref name="series"/>, night by night.</summary>
    /// <param name="series">The whole series, oldest first.</param>
    /// <param name="tolerance">The check's tolerance, e.g. 0.05.</param>
    /// <param name="minSegment">The detector's shortest segment (runs that confirm a new level).</param>
    public static IReadOnlyList<NightlyAlert> Alerts(IReadOnlyList<double> series, double tolerance,
        int minSegment = ChangePointDetector.DefaultMinSegment)
    {
        ArgumentNullException.ThrowIfNull(series);
        var alerts = new List<NightlyAlert>();
        NightlyAlert? open = null;
        for (var night = 0; night < series.Count; night++)
        {
            var change = ChangePointDetector.Detect(series.Take(night + 1).ToList(), tolerance, minSegment);
            if (change is null)
            {
                open = null;
                continue;
            }

            if (open is null)
            {
                open = new NightlyAlert(night, change.Index, 1);
                alerts.Add(open);
            }
            else
            {
                alerts[^1] = open = open with { Nights = open.Nights + 1 };
            }
        }

        return alerts;
    }
}
