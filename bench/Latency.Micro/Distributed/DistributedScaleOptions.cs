using System.Globalization;

namespace Latency.Micro.Distributed;

/// <summary>What <c>distributed-scale</c> runs: how many agents, how long, how many sessions a minute each.</summary>
/// <param name="Agents">Agents, one per probe (p01, p02, ...), each a process of the harness.</param>
/// <param name="Minutes">The study's duration.</param>
/// <param name="SessionsPerMinute">Each probe's session rate (one short workload: one request).</param>
/// <param name="Output">Where the markdown result goes; null: standard output.</param>
public sealed record DistributedScaleOptions(int Agents, double Minutes, double SessionsPerMinute, string? Output)
{
    public const string Usage = "usage: distributed-scale [--agents 20] [--minutes 1] [--rate 60] [--out FILE.md]";

    /// <summary>The options in <paramref name="args"/>, or every problem with them.</summary>
    public static (DistributedScaleOptions? Options, IReadOnlyList<string> Errors) Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = new List<string>();
        int agents = 20;
        double minutes = 1, rate = 60;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--agents" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 500:
                    agents = n;
                    i++;
                    break;
                case "--minutes" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m is > 0 and <= 60:
                    minutes = m;
                    i++;
                    break;
                case "--rate" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 6000:
                    rate = r;
                    i++;
                    break;
                case "--out" when value is not null:
                    output = value;
                    i++;
                    break;
                default:
                    errors.Add($"'{args[i]}': not an option, or its value is missing or out of range (agents 1-500, minutes 0-60, rate 0-6000)");
                    break;
            }
        }

        return errors.Count > 0 ? (null, errors) : (new DistributedScaleOptions(agents, minutes, rate, output), errors);
    }
}
