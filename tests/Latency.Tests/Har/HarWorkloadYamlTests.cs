using Latency.Scenarios.Har;
using Latency.Scenarios.Workloads;
using Xunit;
using YamlDotNet.Serialization;

namespace Latency.Tests.Har;

public sealed class HarWorkloadYamlTests
{
    [Fact]
    public void Write_ImportedWorkload_WritesTheDocumentedShape()
    {
        var workload = new WorkloadDefinition("my-capture", "A \"quoted\" capture: 2 requests", "2", ConnectionMode.New,
        [
            new WorkloadRequest("r001-index-html", "GET", "service", "/index.html", 0, 1234, TimeSpan.FromMilliseconds(12), TimeSpan.FromMilliseconds(125)),
            new WorkloadRequest("r002-upload", "POST", "origin-2", "/upload?server_ms=15&x=a,b", 300, 23, TimeSpan.FromTicks(175_550), TimeSpan.FromSeconds(1.2)),
        ], Replay: true, Location: null);

        var yaml = HarWorkloadYaml.Write(workload);

        Assert.Equal(
            """
            # Imported by `latency import-har`; replayed at the recorded offsets (at:). Edit roles to match your suite.
            version: 1
            name: my-capture
            description: "A \"quoted\" capture: 2 requests"
            http: "2"
            connection: new
            replay: true
            steps:
              - request: { name: r001-index-html, method: GET, role: service, path: /index.html, request_bytes: 0, response_bytes: 1234, server_ms: 12, at: 0.125s }
              - request: { name: r002-upload, method: POST, role: origin-2, path: "/upload?server_ms=15&x=a,b", request_bytes: 300, response_bytes: 23, server_ms: 17.555, at: 1.2s }

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public async Task Write_Fixture_IsYamlThatReadsBackToTheSameValues()
    {
        var import = await HarImporter.ImportAsync(HarImporterTests.FixturePath());

        var document = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, object>>(HarWorkloadYaml.Write(import.Workload));

        Assert.Equal("chromium-fetches", document["name"]);
        Assert.Equal(import.Workload.Description, document["description"]);
        Assert.Equal("1.1", document["http"]);
        Assert.Equal("true", document["replay"]);
        var steps = ((List<object>)document["steps"]).Cast<Dictionary<object, object>>()
            .Select(step => (Dictionary<object, object>)step["request"]).ToList();
        Assert.Equal(import.Workload.Requests.Select(r => r.Path), steps.Select(s => (string)s["path"]));
        Assert.Equal(["0s", "0.202s", "0.3s", "0.45s", "0.8s", "1.2s"], steps.Select(s => (string)s["at"]));
        Assert.Equal(["53.525", "110.146", "20.58", "44.035", "11.651", "17.555"], steps.Select(s => (string)s["server_ms"]));
    }
}
