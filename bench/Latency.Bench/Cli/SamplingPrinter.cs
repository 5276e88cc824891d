using System.Globalization;
using Latency.Bench.Study;

namespace Latency.Bench.Cli;

/// <summary>How adaptive sampling went: which cells reached the wanted p50-gain interval, and when.</summary>
internal static class SamplingPrinter
{
    public static void Print(TextWriter output, double precision, IReadOnlyList<AdaptiveCellResult> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        var target = (precision * 100).ToString("0.#", CultureInfo.InvariantCulture);
        var reached = results.Where(r => r.ReachedAt is not null).ToList();
        output.WriteLine($"Adaptive sampling: {reached.Count} of {results.Count} cells reached a p50-gain interval within ±{target}% " +
                         "and went back to their own rate" + (reached.Count == 0 ? "." : $" (after {string.Join(", ",
                             reached.Select(r => $"{r.Scenario} {r.ReachedAt!.Value.TotalSeconds:0} s"))})."));
        foreach (var wide in results.Where(r => r.ReachedAt is null))
        {
            var width = double.IsFinite(wide.HalfWidth) ? $"±{wide.HalfWidth * 100:0.#}%" : "too few sessions";
            output.WriteLine($"  not reached: {wide.Scenario} ({width} when last evaluated)");
        }
    }
}
