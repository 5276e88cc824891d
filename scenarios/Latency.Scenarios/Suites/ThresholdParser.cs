using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Latency.Scenarios.Suites;

/// <summary>
/// Reads thresholds written as <c>[step:] metric operator value</c>: <c>p99 &lt; 800ms</c>, <c>errors &lt; 1%</c>,
/// <c>dropped &lt; 5</c>, <c>config: p95 &lt;= 300ms</c>. Pure; the result has no location, the loader adds it.
/// </summary>
public static partial class ThresholdParser
{
    private const string Example = "e.g. \"p99 < 800ms\", \"errors < 1%\" or \"config: p95 <= 300ms\"";

    /// <summary>
    /// Parses <paramref name="text"/>. On failure <paramref name="threshold"/> is null and <paramref name="error"/>
    /// says what is wrong; on success <paramref name="error"/> is empty.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ThresholdDefinition? threshold, out string error)
    {
        threshold = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"threshold is empty; expected [step:] metric operator value, {Example}";
            return false;
        }

        string? step = null;
        var check = text;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            step = text[..colon].Trim();
            check = text[(colon + 1)..];
            if (step.Length == 0)
            {
                error = "step name before ':' is empty";
                return false;
            }

            if (!SuiteNames.IsValid(step))
            {
                error = SuiteNames.Problem("step", step);
                return false;
            }
        }

        var match = CheckPattern().Match(check);
        if (!match.Success)
        {
            error = $"cannot read '{text.Trim()}'; expected [step:] metric operator value, {Example}";
            return false;
        }

        var metricText = match.Groups["metric"].Value.ToLowerInvariant();
        var operatorText = match.Groups["op"].Value;
        var valueText = match.Groups["value"].Value;

        if (!TryParseOperator(operatorText, out var op))
        {
            error = $"unknown operator '{operatorText}'; use <, <=, > or >=";
            return false;
        }

        ThresholdMetric metric;
        double? percentile = null;
        switch (metricText)
        {
            case "max": metric = ThresholdMetric.Max; break;
            case "errors": metric = ThresholdMetric.Errors; break;
            case "dropped": metric = ThresholdMetric.Dropped; break;
            case ['p', .. var digits] when digits.Length > 0 && char.IsAsciiDigit(digits[0]):
                if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) || p <= 0 || p >= 100)
                {
                    error = $"percentile must be between 0 and 100, exclusive (got '{match.Groups["metric"].Value}'); e.g. p50, p99, p99.9";
                    return false;
                }

                metric = ThresholdMetric.Percentile;
                percentile = p;
                break;
            default:
                error = $"unknown metric '{match.Groups["metric"].Value}'; use p<N> (e.g. p50, p99, p99.9), max, errors or dropped";
                return false;
        }

        if (metric == ThresholdMetric.Dropped && step is not null)
        {
            error = "dropped is counted per iteration, not per step; remove the step prefix";
            return false;
        }

        double value;
        var isPercentage = false;
        if (metric is ThresholdMetric.Percentile or ThresholdMetric.Max)
        {
            if (!DurationParser.TryParse(valueText, out var latency, out var durationError))
            {
                error = $"latency value '{valueText}': {durationError}";
                return false;
            }

            value = latency.Ticks / (double)TimeSpan.TicksPerMicrosecond;
        }
        else
        {
            var number = valueText;
            if (number.EndsWith('%'))
            {
                isPercentage = true;
                number = number[..^1].TrimEnd();
            }

            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            {
                error = $"{metricText} takes a count or a percentage, e.g. 5 or 1% (got '{valueText}')";
                return false;
            }

            if (isPercentage && value > 100)
            {
                error = $"percentage must be at most 100% (got '{valueText}')";
                return false;
            }
        }

        threshold = new ThresholdDefinition(text.Trim(), step, metric, percentile, op, value, isPercentage);
        return true;
    }

    private static bool TryParseOperator(string text, out ThresholdOperator op)
    {
        (var ok, op) = text switch
        {
            "<" => (true, ThresholdOperator.LessThan),
            "<=" => (true, ThresholdOperator.LessThanOrEqual),
            ">" => (true, ThresholdOperator.GreaterThan),
            ">=" => (true, ThresholdOperator.GreaterThanOrEqual),
            _ => (false, default),
        };
        return ok;
    }

    // The operator is matched greedily over every comparison character so that "==" or "=<" are reported as unknown
    // operators rather than as a strange value.
    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z][A-Za-z0-9.]*)\s*(?<op>[<>=!]+)\s*(?<value>\S(?:.*\S)?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CheckPattern();
}
