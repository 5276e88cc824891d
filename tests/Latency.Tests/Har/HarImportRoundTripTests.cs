using Latency.Scenarios.Har;
using Latency.Scenarios.Workloads;

namespace Latency.Tests.Har;

public sealed class HarImportRoundTripTests
{
    [Fact]
    public async Task Import_ChromiumFixture_WrittenWorkloadLoadsBackEqual()
    {
        var import = await HarImporter.ImportAsync(HarImporterTests.FixturePath());

        var yaml = WorkloadWriter.Write(import.Workload, "imported");
        var loaded = WorkloadLoader.Parse(yaml, "imported.yaml");

        Assert.True(loaded.Replay);
        Assert.Equal(import.Workload, loaded);
        Assert.Equal(import.Workload.Requests.Select(r => r.Offset), loaded.Requests.Select(r => r.Offset));
    }
}
