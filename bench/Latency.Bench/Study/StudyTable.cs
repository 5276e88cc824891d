using System.Globalization;
using Latency.Bench.Load;
using Latency.Bench.Recording;

namespace Latency.Bench.Study;

/// <summary>
/// The answer in one table, printed when a study run ends: per probe and workload, the origin's and the first
/// in-region deployment's session time (p50, p95) and the gain (origin p50 / in-region p50).
/// </summary>
public static class StudyTable
{
    public static void Print(TextWriter output, IReadOnlyList<StudyCell> cells, IntervalCollector histograms, string backend)
    {
        output.WriteLine();
        output.WriteLine($"Session time by country (network: {(backend == "tun" ? "emulated WAN (namespaces)" : backend == "relay" ? "loopback relays: no packet loss modelled" : backend)})");
        output.WriteLine($"  {"probe",-18}{"workload",-20}{"origin",-10}{"p50",10}{"p95",10}  {"in-region",-12}{"p50",10}{"p95",10}{"gain p50",10}{"n",6}");
        foreach (var cell in cells)
        {
            var scenario = StudyScenarioFactory.ScenarioName(cell.Probe, cell.Workload.Name);
            var origin = histograms.Total(new MetricKey(scenario, cell.Deployments[0], MetricKinds.Uncorrected));
            var near = cell.Deployments.Count > 1 ? histograms.Total(new MetricKey(scenario, cell.Deployments[1], MetricKinds.Uncorrected)) : origin;
            string Ms(HdrHistogram.HistogramBase h, double p) =>
                h.TotalCount == 0 ? "-" : (h.GetValueAtPercentile(p) / 1000.0).ToString("0.0", CultureInfo.InvariantCulture);
            var gain = origin.TotalCount > 0 && near.TotalCount > 0
                ? (origin.GetValueAtPercentile(50) / (double)near.GetValueAtPercentile(50)).ToString("0.00", CultureInfo.InvariantCulture) + "x"
                : "-";
            output.WriteLine(
                $"  {cell.Probe,-18}{cell.Workload.Name,-20}{cell.Deployments[0],-10}{Ms(origin, 50),10}{Ms(origin, 95),10}  {(cell.Deployments.Count > 1 ? cell.Deployments[1] : "-"),-12}{Ms(near, 50),10}{Ms(near, 95),10}{gain,10}{Math.Min(origin.TotalCount, near.TotalCount),6}");
        }

        output.WriteLine("  (milliseconds; gain = origin p50 / in-region p50)");
    }
}
