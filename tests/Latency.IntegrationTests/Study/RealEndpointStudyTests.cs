using System.Net;
using Latency.IntegrationTests.Support;
using Latency.Reports.RunDirectory;
using Latency.World.Backend;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Study;

/// <summary>
/// The same workloads against real endpoints: a study with <c>world: none</c> names deployments by URL and the
/// probe by its location label (here two local handset backends stand in for real services).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class RealEndpointStudyTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_StudyAgainstUrls_RunsEverySessionOnBothEndpointsDirectly()
    {
        await using var origin = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        await using var near = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        _temp.File("login.yaml", """
            version: 1
            name: login
            description: "two sequential requests"
            http: "1.1"
            steps:
              - request: { name: token, method: POST, request_bytes: 500, response_bytes: 800, server_ms: 5 }
              - request: { name: profile, response_bytes: 2000, server_ms: 5 }
            """);
        var suite = _temp.File("real.yaml", $$"""
            version: 1
            name: real-endpoints
            study:
              world: none
              duration: 4s
              compare:
                - { probe: lab-desk, deployments: [origin, near] }
              endpoints:
                origin: {{origin.BaseUrl}}
                near: {{near.BaseUrl}}
              workloads:
                - { file: login.yaml, sessions_per_minute: 300 }
            """);
        var outDir = Path.Combine(_temp.Path, "run");

        var outcome = await CliRun.InProcessAsync("run", suite, "--out", outDir, "--no-progress");
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(0, outcome.ExitCode);
        var manifest = await RunManifestFile.ReadAsync(outDir);
        Assert.Equal("direct", manifest.Environment.NetworkBackend);
        var scenario = Assert.Single(manifest.Scenarios);
        Assert.Equal("lab-desk.login", scenario.Name);
        Assert.True(scenario.Iterations.Ok >= 5, $"only {scenario.Iterations.Ok} session pairs");
        Assert.Equal(0, scenario.Iterations.Failed);
        var sessions = scenario.Steps.Where(s => s.Name is "origin" or "near").ToDictionary(s => s.Name, s => s.Requests);
        Assert.Equal(scenario.Iterations.Ok, sessions["origin"]);
        Assert.Equal(scenario.Iterations.Ok, sessions["near"]);
        Assert.Contains(scenario.Steps, s => s.Name == "near.profile" && s.Phases.ContainsKey("ttfb"));
    }

    /// <remarks>
    /// Issue 10, point 1: study thresholds were parsed and never evaluated, so a study always exited 0. Sessions take
    /// at least 10 ms of server time here, so "p50 &lt; 1ms" cannot hold; "errors &lt; 50%" holds. Each failure is named with
    /// probe, workload and deployment, and run.json records it.
    /// </remarks>
    [Fact]
    public async Task Run_StudyWithAThresholdItCannotMeet_Exits1AndNamesEachFailure()
    {
        await using var origin = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        await using var near = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        _temp.File("ping.yaml", """
            version: 1
            name: ping
            description: "one request"
            http: "1.1"
            steps:
              - request: { name: ping, response_bytes: 100, server_ms: 10 }
            """);
        var suite = _temp.File("thresholds.yaml", $$"""
            version: 1
            name: thresholds
            study:
              world: none
              duration: 3s
              compare:
                - { probe: lab-desk, deployments: [origin, near] }
              endpoints:
                origin: {{origin.BaseUrl}}
                near: {{near.BaseUrl}}
              workloads:
                - { file: ping.yaml, sessions_per_minute: 300 }
              thresholds: ["ping: p50 < 1ms", "errors < 50%"]
            """);
        var outDir = Path.Combine(_temp.Path, "run");

        var outcome = await CliRun.InProcessAsync("run", suite, "--out", outDir, "--no-progress");
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("threshold failed: lab-desk.ping: origin: p50 < 1ms", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("threshold failed: lab-desk.ping: near: p50 < 1ms", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("errors < 50%", outcome.Error, StringComparison.Ordinal);
        var manifest = await RunManifestFile.ReadAsync(outDir);
        var thresholds = Assert.Single(manifest.Scenarios).Thresholds;
        Assert.Equal(4, thresholds.Count);
        Assert.Equal(2, thresholds.Count(t => !t.Passed));
    }
}
