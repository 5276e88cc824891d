using System.Globalization;
using System.Text.RegularExpressions;

namespace Latency.Micro.MaxRate;

/// <summary>
/// Reads the figures out of wrk's text report (with <c>--latency</c>): <c>Requests/sec:</c>, the latency
/// distribution's 50% and 99% lines, the request count and any errors.
/// </summary>
public static partial class WrkOutput
{
    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(50|99)%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"^\s*(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    /// <summary>The figures, or null when the text has no <c>Requests/sec:</c> line (wrk failed).</summary>
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
            var millis = ToMillis(double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), match.Groups[3].Value);
            if (match.Groups[1].Value == "50")
            {
                p50 = millis;
            }
            else
            {
                p99 = millis;
            }
        }

        var requests = Requests().Match(text) is { Success: true } r ? long.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        long errors = Non2xx().Match(text) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (SocketErrors().Match(text) is { Success: true } socket)
        {
            for (var g = 1; g <= 4; g++)
            {
                errors += long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture);
            }
        }

        return new RateFigures(client, double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), p50, p99, requests, errors,
            clientCpuCores, serverCpuCores);
    }

    private static double ToMillis(double value, string unit) => unit switch
    {
        "us" => value / 1000,
        "ms" => value,
        "s" => value * 1000,
        _ => value * 60_000,
    };
}
