using System.Globalization;
using System.Text.RegularExpressions;

namespace Latency.Scenarios.Suites;

/// <summary>
/// Reads the durations written in suite files and thresholds: a number with a unit, <c>us</c>, <c>ms</c>, <c>s</c>,
/// <c>m</c> or <c>h</c> (<c>250us</c>, <c>1.5s</c>, <c>2m</c>). Pure; the invariant culture is used, so <c>1.5s</c>
/// means the same on every machine.
/// </summary>
/// <remarks>
/// A bare number is refused rather than read as seconds: <c>timeout: 30</c> is as likely to mean milliseconds, and
/// guessing wrong silently changes a benchmark by a factor of a thousand.
/// </remarks>
public static partial class DurationParser
{
    /// <summary>The units accepted, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Units { get; } = ["us", "ms", "s", "m", "h"];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why in words a user acts on.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = string.Empty;
        var match = DurationPattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            error = $"'{text}' is not a duration; expected a number with a unit, e.g. 30s, 250ms or 1.5m";
            return false;
        }

        var unit = match.Groups["unit"].Value;
        if (unit.Length == 0)
        {
            error = "duration needs a unit, e.g. 30s";
            return false;
        }

        long ticksPerUnit;
        switch (unit)
        {
            case "us": ticksPerUnit = TimeSpan.TicksPerMicrosecond; break;
            case "ms": ticksPerUnit = TimeSpan.TicksPerMillisecond; break;
            case "s": ticksPerUnit = TimeSpan.TicksPerSecond; break;
            case "m": ticksPerUnit = TimeSpan.TicksPerMinute; break;
            case "h": ticksPerUnit = TimeSpan.TicksPerHour; break;
            default:
                error = $"unknown duration unit '{unit}' in '{text!.Trim()}' (use {string.Join(", ", Units)})";
                return false;
        }

        // decimal, not double: "1.1s" must be exactly 11 000 000 ticks. Decimal holds only 29 digits, so a longer
        // number is refused here instead of overflowing: it is far beyond the longest duration anyway.
        var digits = match.Groups["number"].Value;
        if (!decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = digits.StartsWith('-')
                ? $"duration must not be negative (got '{text!.Trim()}')"
                : $"duration '{text!.Trim()}' is too long";
            return false;
        }

        if (number < 0)
        {
            error = $"duration must not be negative (got '{text!.Trim()}')";
            return false;
        }

        // The rounded product is checked too: the quotient below is itself rounded, so a number at the very edge passes it.
        var ticks = number > TimeSpan.MaxValue.Ticks / (decimal)ticksPerUnit
            ? decimal.MaxValue
            : Math.Round(number * ticksPerUnit, MidpointRounding.AwayFromZero);
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            error = $"duration '{text!.Trim()}' is too long";
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/> with the message of <see cref="TryParse"/>.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Formats microseconds the way users write them: <c>250us</c>, <c>12.5ms</c>, <c>1.2s</c>.</summary>
    public static string FormatMicros(double micros) => micros switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{micros:0.###}us"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000:0.###}ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000:0.###}s"),
    };

    [GeneratedRegex(@"^\s*(?<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?<unit>[^\s\d.,+-][^\s]*)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
