using Latency.Scenarios.Workloads;

namespace Latency.Tests.Workloads;

/// <summary>The reference library under scenarios/workloads/: loads, and models what its file names say.</summary>
public sealed class ReferenceWorkloadsTests
{
    public static TheoryData<string> Files => new(
        "app-cold-start", "account-login", "photo-backup", "app-store-download", "push-heartbeat", "ota-check");

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_LibraryFile_HasNoErrorsAndIsNamedAfterItsFile(string name)
    {
        var workload = WorkloadLoader.Load(RepositoryPaths.Workload(name));

        Assert.Equal(name, workload.Name);
        Assert.NotEmpty(workload.Requests);
        Assert.Equal(workload, WorkloadLoader.Parse(WorkloadWriter.Write(workload), "copy.yaml"));
    }

    [Fact]
    public void Load_Library_ModelsWhatTheDesignAsksFor()
    {
        var coldStart = WorkloadLoader.Load(RepositoryPaths.Workload("app-cold-start"));
        Assert.Equal(["config", "feed"], coldStart.Steps.OfType<WorkloadRequest>().Select(r => r.Name));
        Assert.True(Assert.Single(coldStart.Steps.OfType<WorkloadParallel>()).Requests.Count > 1);

        var backup = WorkloadLoader.Load(RepositoryPaths.Workload("photo-backup"));
        Assert.InRange(backup.Requests.Sum(r => r.RequestBytes), 2_000_000, 3_000_000);

        var download = WorkloadLoader.Load(RepositoryPaths.Workload("app-store-download"));
        Assert.InRange(download.Requests.Sum(r => r.ResponseBytes), 10_000_000, 30_000_000);

        var heartbeat = WorkloadLoader.Load(RepositoryPaths.Workload("push-heartbeat"));
        Assert.Equal(ConnectionMode.Warm, heartbeat.Connection);
        Assert.Equal("2", heartbeat.HttpVersion);
        Assert.True(Assert.Single(heartbeat.Requests).RequestBytes < 1024);
    }
}
