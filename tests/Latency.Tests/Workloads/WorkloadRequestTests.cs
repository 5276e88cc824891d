using Latency.Scenarios.Workloads;
using Xunit;

namespace Latency.Tests.Workloads;

public sealed class WorkloadRequestTests
{
    [Fact]
    public void InstructionHeaders_GiveTheRecordedSizeAndServerTimeInInvariantForm()
    {
        var request = new WorkloadRequest("feed", "DELETE", WorkloadRequest.ServiceRole, "/v1/items/42", 0, 48_000,
            TimeSpan.FromMilliseconds(30.25));

        var headers = request.InstructionHeaders();

        Assert.Equal("48000", headers[ResponseInstructionHeaders.ResponseBytes]);
        Assert.Equal("30.25", headers[ResponseInstructionHeaders.ServerMs]);
        Assert.Equal("/v1/items/42", request.EffectivePath());
    }

    [Fact]
    public void InstructionHeaders_AreSentForAnEmptyAnswerToo()
    {
        var request = new WorkloadRequest("preflight", "OPTIONS", WorkloadRequest.ServiceRole, "/v1/items/42", 0, 0, TimeSpan.Zero);

        Assert.Equal(
            new Dictionary<string, string> { [ResponseInstructionHeaders.ResponseBytes] = "0", [ResponseInstructionHeaders.ServerMs] = "0" },
            request.InstructionHeaders());
    }
}
