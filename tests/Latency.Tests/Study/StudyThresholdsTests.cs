using Latency.Bench.Study;
using Latency.Scenarios.Workloads;

namespace Latency.Tests.Study;

/// <summary>Issue 10, point 1: which of a study's thresholds a cell checks, and on which deployment's sessions.</summary>
public class StudyThresholdsTests
{
    private static StudyCell Cell(string workload) =>
        new("mumbai", ["beijing", "mumbai-aws"],
            new WorkloadDefinition(workload, "", "2", ConnectionMode.New,
                [new WorkloadRequest("r", "GET", WorkloadRequest.ServiceRole, "/r", 0, 10, TimeSpan.Zero, null)], Replay: false, Location: null),
            60, new Dictionary<string, string>());

    [Fact]
    public void CellThresholds_NoPrefix_EveryDeploymentOfEveryCell()
    {
        Assert.Equal(["beijing: p95 < 3s", "mumbai-aws: p95 < 3s"], StudyScenarioFactory.CellThresholds(Cell("ota-check"), ["p95 < 3s"]));
    }

    [Fact]
    public void CellThresholds_WorkloadPrefix_OnlyThatWorkloadsCells()
    {
        string[] study = ["app-cold-start: p95 < 2s", "errors < 1%"];

        Assert.Equal(["beijing: p95 < 2s", "mumbai-aws: p95 < 2s", "beijing: errors < 1%", "mumbai-aws: errors < 1%"],
            StudyScenarioFactory.CellThresholds(Cell("app-cold-start"), study));
        Assert.Equal(["beijing: errors < 1%", "mumbai-aws: errors < 1%"], StudyScenarioFactory.CellThresholds(Cell("ota-check"), study));
    }

    [Fact]
    public void CellThresholds_None_None()
    {
        Assert.Empty(StudyScenarioFactory.CellThresholds(Cell("ota-check"), []));
    }
}
