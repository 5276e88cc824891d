using System.Globalization;
using System.Text.RegularExpressions;

namespace Latency.Micro.MaxRate;

/// <summary>
/// Reads the figures out of hey's text summary: <c>Requests/sec:</c>, the latency distribution's 50% and 99% lines
/// (in seconds), the status code distribution (requests completed) and the error distribution.
/// </summary>
public static partial class HeyOutput
{
    [GeneratedRegex(@"^\s*Requests/sec:\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(50|99)%+ in ([0-9.]+) secs", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"^\s+\[(\d+)\]\s+(\d+) responses", RegexOptions.Multiline)]
    private static partial Regex StatusCount();

    [GeneratedRegex(@"Error distribution:\s*\n((?:\s+\[\d+\].*\n?)*)")]
    private static partial Regex ErrorBlock();

    [GeneratedRegex(@"^\s+\[(\d+)\]", RegexOptions.Multiline)]
    private static partial Regex ErrorCount();

    /// <summary>The figures, or null when the text has no <c>Requests/sec:</c> line (hey failed).</summary>
    /// <param name="client">How hey was run, shown in the table.</param>
    /// <param name="text">hey's standard output.</param>
    /// <param name="clientCpuCores">Cores hey kept busy, measured by the caller.</param>
    /// <param name="serverCpuCores">Cores the server kept busy meanwhile, or null.</param>
    public static RateFigures? Parse(string client, string text, double? clientCpuCores, double? serverCpuCores)
    {
        var rate = RequestsPerSecond().Match(text);
        if (!rate.Success)
        {
            return null;
        }

        double p50 = double.NaN, p99 = double.NaN;
        foreach (Match match in Percentile().Matches(text))
        {
            var millis = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) * 1000;
            if (match.Groups[1].Value == "50")
            {
                p50 = millis;
            }
            else
            {
                p99 = millis;
            }
        }

        long requests = 0, errors = 0;
        foreach (Match match in StatusCount().Matches(text))
        {
            var count = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            requests += count;
            if (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= 400)
            {
                errors += count;
            }
        }

        if (ErrorBlock().Match(text) is { Success: true } block)
        {
            foreach (Match match in ErrorCount().Matches(block.Groups[1].Value))
            {
                errors += long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return new RateFigures(client, double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), p50, p99, requests, errors,
            clientCpuCores, serverCpuCores);
    }
}
