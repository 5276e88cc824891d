using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Latency.Scenarios.Suites;

namespace Latency.Scenarios.Residency;

/// <summary>
/// Reads residency thresholds written as <c>residency: JURISDICTION metric operator value</c>:
/// <c>residency: CN bytes_sent == 0</c>, <c>residency: CN requests &lt; 5%</c>. Metrics: <c>bytes_sent</c>,
/// <c>bytes_received</c>, <c>requests</c>; operators <c>==</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>; the
/// value a whole count (bytes may take <c>KB</c>, <c>MB</c>, <c>GB</c>: powers of 1000) or a percentage of the option's
/// total. Pure; the result has no location, the reader adds it.
/// </summary>
public static partial class ResidencyThresholdParser
{
    private const string Example = "e.g. \"residency: CN bytes_sent == 0\" or \"residency: CN requests < 5%\"";

    /// <summary>
    /// Parses <paramref name="text"/>. On failure <paramref name="threshold"/> is null and <paramref name="error"/>
    /// says what is wrong; on success <paramref name="error"/> is empty.
    /// </summary>
    /// <param name="text">The threshold as written, starting with <c>residency:</c>.</param>
    /// <param name="threshold">The threshold read.</param>
    /// <param name="error">What is wrong, or empty.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out ResidencyThreshold? threshold, out string error)
    {
        threshold = null;
        error = string.Empty;
        if (!ResidencyThreshold.IsWritten(text))
        {
            error = $"a residency threshold starts with '{ResidencyThreshold.Prefix}', {Example}";
            return false;
        }

        var match = CheckPattern().Match(text.Trim()[ResidencyThreshold.Prefix.Length..]);
        if (!match.Success)
        {
            error = $"cannot read '{text.Trim()}'; expected residency: JURISDICTION metric operator value, {Example}";
            return false;
        }

        var jurisdiction = match.Groups["jurisdiction"].Value;
        if (!Jurisdictions.IsCode(jurisdiction))
        {
            error = $"jurisdiction '{jurisdiction}' must be two upper-case letters, e.g. CN";
            return false;
        }

        var metricText = match.Groups["metric"].Value;
        ResidencyMetric? metric = metricText switch
        {
            "bytes_sent" => ResidencyMetric.BytesSent,
            "bytes_received" => ResidencyMetric.BytesReceived,
            "requests" => ResidencyMetric.Requests,
            _ => null,
        };
        if (metric is null)
        {
            error = $"unknown residency metric '{metricText}'; use bytes_sent, bytes_received or requests";
            return false;
        }

        ThresholdOperator? op = match.Groups["op"].Value switch
        {
            "==" => ThresholdOperator.Equal,
            "<" => ThresholdOperator.LessThan,
            "<=" => ThresholdOperator.LessThanOrEqual,
            ">" => ThresholdOperator.GreaterThan,
            ">=" => ThresholdOperator.GreaterThanOrEqual,
            _ => null,
        };
        if (op is null)
        {
            error = $"unknown operator '{match.Groups["op"].Value}'; use ==, <, <=, > or >=";
            return false;
        }

        if (!TryValue(match.Groups["value"].Value, metric.Value, out var value, out var isPercentage, out error))
        {
            return false;
        }

        threshold = new ResidencyThreshold(text.Trim(), jurisdiction, metric.Value, op.Value, value, isPercentage);
        return true;
    }

    private static bool TryValue(string text, ResidencyMetric metric, out double value, out bool isPercentage, out string error)
    {
        value = 0;
        error = string.Empty;
        isPercentage = text.EndsWith('%');
        var number = isPercentage ? text[..^1].TrimEnd() : text;
        double scale = 1;
        if (!isPercentage && metric != ResidencyMetric.Requests)
        {
            foreach (var (unit, factor) in ByteUnits)
            {
                if (number.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
                {
                    number = number[..^unit.Length].TrimEnd();
                    scale = factor;
                    break;
                }
            }
        }

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            error = metric == ResidencyMetric.Requests
                ? $"requests takes a count or a percentage, e.g. 0 or 5% (got '{text}')"
                : $"{(metric == ResidencyMetric.BytesSent ? "bytes_sent" : "bytes_received")} takes bytes (0, 512, 10KB, 2MB) or a percentage, e.g. 1% (got '{text}')";
            return false;
        }

        if (isPercentage && parsed > 100)
        {
            error = $"percentage must be at most 100% (got '{text}')";
            return false;
        }

        value = parsed * scale;
        return true;
    }

    // Longest first, so "MB" is not read as "B". Powers of 1000, as workload files write sizes.
    private static readonly (string Unit, double Factor)[] ByteUnits = [("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("B", 1)];

    // The operator is matched greedily over every comparison character so that "=" or "=<" are reported as unknown
    // operators rather than as a strange value.
    [GeneratedRegex(@"^\s*(?<jurisdiction>\S+)\s+(?<metric>[A-Za-z_]+)\s*(?<op>[<>=!]+)\s*(?<value>\S(?:.*\S)?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CheckPattern();
}
