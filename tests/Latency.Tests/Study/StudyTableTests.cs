using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.Bench.Study;
using Latency.RunDirectory;
using Latency.Scenarios.Workloads;

namespace Latency.Tests.Study;

/// <summary>Issue 10, point 10: the table printed at the end of a study names rows as the report does.</summary>
public sealed class StudyTableTests
{
    private static StudyCell Cell(string probe, string inRegion, string workload) =>
        new(probe, ["beijing", inRegion],
            new WorkloadDefinition(workload, "", "2", ConnectionMode.New,
                [new WorkloadRequest("r", "GET", WorkloadRequest.ServiceRole, "/r", 0, 10, TimeSpan.Zero, null)], Replay: false, Location: null),
            60, new Dictionary<string, string>());

    [Fact]
    public void Print_ProbesAsCountryAndCityWorkloadsAsLabels_FiguresInLine()
    {
        var recorders = new LatencyRecorders();
        var histograms = new IntervalCollector(recorders, MonotonicClock.System);
        foreach (var (scenario, deployment, micros) in new[] { ("kuala-lumpur.ota-check", "beijing", 300_000L), ("kuala-lumpur.ota-check", "singapore", 100_000L) })
        {
            recorders.Record(recorders.Register(new MetricKey(scenario, deployment, MetricKinds.Uncorrected)), micros);
        }

        histograms.Collect();
        var comparisons = new List<StudyComparison>
        {
            new() { Probe = "kuala-lumpur", Country = "Malaysia", City = "Kuala Lumpur", InRegion = ["singapore"] },
            new() { Probe = "lab-desk", InRegion = ["near"] },
        };
        var output = new StringWriter();

        StudyTable.Print(output, [Cell("kuala-lumpur", "singapore", "ota-check"), Cell("lab-desk", "near", "app-cold-start")], histograms, NetworkBackend.Tun, comparisons);

        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        // The report's labels; a probe without a country (real endpoints) keeps its name, as in the report.
        Assert.Matches(@"^  Malaysia \(Kuala Lumpur\)\s+OTA check\s+beijing\s+300\.\d\s+300\.\d\s+singapore\s+100\.\d\s+100\.\d\s+3\.00x\s+1$", lines[1]);
        Assert.Matches(@"^  lab-desk\s+App cold start\s+beijing\s+-\s+-\s+near\s+-\s+-\s+-\s+0$", lines[2]);
        Assert.DoesNotContain("kuala-lumpur", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ota-check", output.ToString(), StringComparison.Ordinal);
        // Columns line up whatever the labels' lengths: every row's origin starts where the header's does.
        var originColumn = lines[0].IndexOf("origin", StringComparison.Ordinal);
        Assert.All(lines.Skip(1).Take(2), l => Assert.Equal(originColumn, l.IndexOf("beijing", StringComparison.Ordinal)));
    }
}
