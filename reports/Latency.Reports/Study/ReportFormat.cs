using System.Globalization;
using Latency.Reports.Statistics;

namespace Latency.Reports.Study;

/// <summary>How numbers read in reports: never dependent on the machine's culture.</summary>
public static class ReportFormat
{
    /// <summary>Microseconds as milliseconds with 3 significant digits or more: "1234", "250", "60.0", "8.25".</summary>
    public static string Ms(long microseconds)
    {
        var ms = microseconds / 1000.0;
        var format = ms >= 100 ? "0" : ms >= 10 ? "0.0" : "0.00";
        return ms.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Microseconds (an interpolated quantile) as <see cref="Ms(long)"/> does, to the microsecond.</summary>
    public static string Ms(double microseconds) => Ms(Microseconds(microseconds));

    /// <summary>
    /// A quantile and its confidence interval in ms, e.g. "412 (398-431)"; ", few samples" inside the parentheses when
    /// <see cref="QuantileEstimate.TooFewSamples"/> (the interval is then narrower than it claims); "-" when absent.
    /// </summary>
    public static string Ms(QuantileEstimate? estimate)
    {
        if (estimate is null || double.IsNaN(estimate.Estimate))
        {
            return "-";
        }

        var interval = $"{Ms(Microseconds(estimate.Estimate))} ({Ms(Microseconds(estimate.Lower))}-{Ms(Microseconds(estimate.Upper))}";
        return interval + (estimate.TooFewSamples ? ", few samples)" : ")");
    }

    /// <summary>A gain with its interval, "2.50x (1.20-4.17x)", marked when either side has too few samples; "-" when unknown.</summary>
    public static string Gain(Statistics.GainEstimate? gain)
    {
        if (gain is null || double.IsNaN(gain.Gain))
        {
            return "-";
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{gain.Gain:0.00}x ({gain.Lower:0.00}-{gain.Upper:0.00}x");
        return text + (gain.TooFewSamples ? ", few samples)" : ")");
    }

    /// <summary>A gain as "2.50x"; "n/a" when unknown.</summary>
    public static string Gain(double? gain) =>
        gain is { } g ? g.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";

    /// <summary>A count with no grouping separators.</summary>
    public static string Count(long? count) => count is { } c ? c.ToString(CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A measured or configured figure; "-" when absent.</summary>
    public static string Number(double? value, string format = "0.0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>A time as ISO 8601 in UTC, e.g. "2025-06-01T02:00:00Z".</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static long Microseconds(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
