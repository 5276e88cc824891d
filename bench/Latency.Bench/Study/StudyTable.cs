using System.Globalization;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.RunDirectory;
using Latency.Reports.Study;

namespace Latency.Bench.Study;

/// <summary>
/// The answer in one table, printed when a study run ends: per probe and workload, the origin's and the first
/// in-region deployment's session time (p50, p95) and the gain (origin p50 / in-region p50). Rows are named as the
/// report names them ("India (Mumbai)", "App cold start"), so the terminal and the report can be read side by side.
/// </summary>
public static class StudyTable
{
    /// <summary>Prints the table.</summary>
    /// <param name="output">Where to.</param>
    /// <param name="cells">The study's probes and workloads, in study order.</param>
    /// <param name="histograms">The run's totals.</param>
    /// <param name="backend">The network backend.</param>
    /// <param name="comparisons">run.json's study comparisons: each probe's country and city.</param>
    public static void Print(TextWriter output, IReadOnlyList<StudyCell> cells, IntervalCollector histograms, NetworkBackend backend,
        IReadOnlyList<StudyComparison> comparisons)
    {
        string Place(string probe) => comparisons.FirstOrDefault(c => c.Probe == probe) is { } c
            ? ProbeLabel.Of(probe, c.Country, c.City)
            : probe;
        var rows = cells.Select(cell => (Cell: cell, Place: Place(cell.Probe), Workload: WorkloadLabel.Of(cell.Workload.Name))).ToList();
        // As wide as the longest label: "Malaysia (Kuala Lumpur)" would push a fixed column out of line.
        var placeWidth = rows.Select(r => r.Place.Length).Append("country".Length).Max() + 2;
        var workloadWidth = rows.Select(r => r.Workload.Length).Append("workload".Length).Max() + 2;

        output.WriteLine();
        output.WriteLine($"Session time by country (network: {backend switch
        {
            NetworkBackend.Tun => "emulated WAN (namespaces)",
            NetworkBackend.Relay => "loopback relays: no packet loss modelled",
            _ => backend.Name(),
        }})");
        output.WriteLine($"  {"country".PadRight(placeWidth)}{"workload".PadRight(workloadWidth)}{"origin",-10}{"p50",10}{"p95",10}  {"in-region",-12}{"p50",10}{"p95",10}{"gain p50",10}{"n",6}");
        foreach (var (cell, place, workload) in rows)
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
                $"  {place.PadRight(placeWidth)}{workload.PadRight(workloadWidth)}{cell.Deployments[0],-10}{Ms(origin, 50),10}{Ms(origin, 95),10}  {(cell.Deployments.Count > 1 ? cell.Deployments[1] : "-"),-12}{Ms(near, 50),10}{Ms(near, 95),10}{gain,10}{Math.Min(origin.TotalCount, near.TotalCount),6}");
        }

        output.WriteLine("  (milliseconds; gain = origin p50 / in-region p50)");
    }
}
