using System.Globalization;

namespace Latency.Micro.Soak;

/// <summary>What <c>handset-soak</c> runs.</summary>
/// <param name="Handsets">Concurrent simulated handsets (closed model: each sends its next request when its last ends).</param>
/// <param name="Minutes">How long.</param>
/// <param name="Http">"1.1" or "2".</param>
/// <param name="ServerMs">The backend's time per request: with it the handsets are mostly waiting, as phones polling a service are.</param>
/// <param name="ResponseBytes">Bytes per answer.</param>
/// <param name="SampleSeconds">How often memory is read.</param>
/// <param name="Output">Where the markdown result goes, or null for standard output only.</param>
/// <param name="HarnessGcHeapLimitMb">A GC heap hard limit for the harness (DOTNET_GCHeapHardLimit), or null: with one,
/// memory that keeps growing is told from a collector that is merely in no hurry (a leak fails the run, laziness does not).</param>
public sealed record HandsetSoakOptions(int Handsets, double Minutes, string Http, int ServerMs, int ResponseBytes, int SampleSeconds, string? Output,
    int? HarnessGcHeapLimitMb = null)
{
    /// <summary>10,000 handsets for 10 minutes over HTTP/1.1, 5 s of server time and 1 KiB a request: the case.</summary>
    public static HandsetSoakOptions Default { get; } = new(10_000, 10, "1.1", 5_000, 1_024, 5, null);

    /// <summary>Options from <paramref name="args"/>, or null with the problem.</summary>
    /// <param name="args">The command's arguments.</param>
    /// <param name="problem">What is wrong, or null.</param>
    public static HandsetSoakOptions? Parse(IReadOnlyList<string> args, out string? problem)
    {
        var options = Default;
        problem = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : "";
            int? whole = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : null;
            double? number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : null;
            HandsetSoakOptions? next = args[i] switch
            {
                "--handsets" when whole > 0 => options with { Handsets = whole.Value },
                "--minutes" when number is not null => options with { Minutes = number.Value },
                "--http" when value is "1.1" or "2" => options with { Http = value },
                "--server-ms" when whole is not null => options with { ServerMs = whole.Value },
                "--response-bytes" when whole is not null => options with { ResponseBytes = whole.Value },
                "--sample-seconds" when whole > 0 => options with { SampleSeconds = whole.Value },
                "--out" when value.Length > 0 => options with { Output = value },
                "--harness-heap-limit-mb" when whole > 0 => options with { HarnessGcHeapLimitMb = whole.Value },
                _ => null,
            };
            if (next is null)
            {
                problem = $"handset-soak: bad argument '{args[i]} {value}' (usage: handset-soak [--handsets 10000] [--minutes 10] [--http 1.1|2] " +
                          "[--server-ms 5000] [--response-bytes 1024] [--sample-seconds 5] [--harness-heap-limit-mb N] [--out FILE.md])";
                return null;
            }

            options = next;
        }

        return options;
    }
}
