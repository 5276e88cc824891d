using System.Net;
using System.Text.Json;
using Latency.IntegrationTests.Support;
using Latency.RunDirectory;
using Latency.World.Backend;

namespace Latency.IntegrationTests.Study;

/// <summary>
/// Issue 19: a study counts where users' data went from what its sessions really sent and received. Two real
/// handset backends stand for an origin in CN and an in-region deployment in IN (world: none, placed by the suite's
/// residency section); each counts what it read and wrote, and the study's counts must equal theirs, deployment by
/// deployment. A login mapped to the origin (role auth) and a declared copy to the origin must show up under the
/// in-region option, and the residency threshold must then fail the run (exit 1); without them it passes.
/// </summary>
public sealed class ResidencyTests : IDisposable
{
    private const int LoginBytes = 1000;
    private const int UploadBytes = 30_000;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_LoginToOriginAndCopyToOrigin_CountsEqualTheBackendsAndTheThresholdFailsTheRun()
    {
        await using var origin = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        await using var near = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        _temp.File("backup.yaml", $"""
            version: 1
            name: backup
            description: "sign in at the central auth service, then upload a photo to the service under test"
            http: "1.1"
            steps:
              - request: {"{"} name: login, method: POST, role: auth, request_bytes: {LoginBytes}, response_bytes: 700, server_ms: 1 {"}"}
              - request: {"{"} name: upload, method: PUT, request_bytes: {UploadBytes}, response_bytes: 200, server_ms: 1 {"}"}
            """);
        var suite = Suite(origin, near, """
              roles: { auth: beijing }
              residency:
                jurisdictions: { beijing: CN, mumbai: IN }
                replicates_to: { mumbai: [{ deployment: beijing, fraction: 25% }] }
            """);
        var outDir = Path.Combine(_temp.Path, "run");

        var outcome = await CliRun.InProcessAsync("run", suite, "--out", outDir, "--no-progress");

        Assert.True(outcome.ExitCode == 1, $"exit {outcome.ExitCode}\n{outcome.Output}\n{outcome.Error}");
        Assert.Contains("mumbai: residency: CN bytes_sent == 0", outcome.Error, StringComparison.Ordinal);
        var manifest = await RunManifestFile.ReadAsync(outDir);
        var residency = manifest.Study!.Residency!;
        AssertCountsEqualBackend(residency, "beijing", origin.Traffic);
        AssertCountsEqualBackend(residency, "mumbai", near.Traffic);

        // The login of the in-region option's sessions went to Beijing: every one of them, whole.
        var login = residency.Flows.Single(f => f is { Option: "mumbai", Deployment: "beijing", Replicated: false });
        var uploads = residency.Flows.Single(f => f is { Option: "mumbai", Deployment: "mumbai", Replicated: false });
        Assert.Equal("CN", login.Jurisdiction);
        Assert.True(login.Requests > 10, $"{login.Requests} logins");
        Assert.Equal(login.Requests, uploads.Requests);
        Assert.Equal(login.Requests * LoginBytes, login.BytesSent);
        Assert.Equal(uploads.Requests * UploadBytes, uploads.BytesSent);
        // The declared copy: a quarter of what was written to Mumbai rests in Beijing too.
        var copy = residency.Flows.Single(f => f is { Option: "mumbai", Replicated: true });
        Assert.Equal(("beijing", "mumbai", "CN"), (copy.Deployment, copy.ReplicatedFrom, copy.Jurisdiction));
        Assert.Equal((long)Math.Round(uploads.BytesSent * 0.25, MidpointRounding.AwayFromZero), copy.BytesSent);
        Assert.Equal(0, copy.Requests);

        var threshold = manifest.Scenarios.Single().Thresholds.Single();
        Assert.Equal(("mumbai: residency: CN bytes_sent == 0", false), (threshold.Text, threshold.Passed));
        Assert.Equal((login.BytesSent + copy.BytesSent).ToString(System.Globalization.CultureInfo.InvariantCulture), threshold.Observed);

        // The report's first screen says it, and summary.json carries the shares.
        var report = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"));
        Assert.Contains("id=\"residency\"", report, StringComparison.Ordinal);
        Assert.Contains("Where users&#39; data went: China", report, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json")));
        var rows = summary.RootElement.GetProperty("residency").GetProperty("rows").EnumerateArray().ToList();
        var inRegion = rows.Single(r => r.GetProperty("option").GetString() == "mumbai");
        Assert.Equal(login.Requests, inRegion.GetProperty("forbidden_requests").GetInt64());
        Assert.Equal(login.BytesSent + copy.BytesSent, inRegion.GetProperty("forbidden_bytes_sent").GetInt64());
    }

    [Fact]
    public async Task Run_EverythingInRegion_NothingReachesChinaAndTheThresholdPasses()
    {
        await using var origin = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        await using var near = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        _temp.File("backup.yaml", $"""
            version: 1
            name: backup
            description: "sign in and upload a photo, both at the service under test"
            http: "1.1"
            steps:
              - request: {"{"} name: login, method: POST, request_bytes: {LoginBytes}, response_bytes: 700, server_ms: 1 {"}"}
              - request: {"{"} name: upload, method: PUT, request_bytes: {UploadBytes}, response_bytes: 200, server_ms: 1 {"}"}
            """);
        var suite = Suite(origin, near, """
              residency:
                jurisdictions: { beijing: CN, mumbai: IN }
            """);
        var outDir = Path.Combine(_temp.Path, "run");

        var outcome = await CliRun.InProcessAsync("run", suite, "--out", outDir, "--no-progress");

        Assert.True(outcome.ExitCode == 0, $"exit {outcome.ExitCode}\n{outcome.Output}\n{outcome.Error}");
        var manifest = await RunManifestFile.ReadAsync(outDir);
        var residency = manifest.Study!.Residency!;
        AssertCountsEqualBackend(residency, "beijing", origin.Traffic);
        AssertCountsEqualBackend(residency, "mumbai", near.Traffic);
        Assert.Equal(["CN"], residency.Forbidden); // the origin's jurisdiction, by default
        Assert.DoesNotContain(residency.Flows, f => f.Option == "mumbai" && f.Jurisdiction == "CN");
        Assert.True(manifest.Scenarios.Single().Thresholds.Single().Passed);
        var report = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"));
        Assert.Contains("0% of the user data sent reached China, and no request went there", report, StringComparison.Ordinal);
    }

    // Every request, body byte read and body byte written by a backend is one the study counted toward that deployment.
    private static void AssertCountsEqualBackend(ResidencyInfo residency, string deployment, BackendTraffic traffic)
    {
        var flows = residency.Flows.Where(f => f.Deployment == deployment && !f.Replicated).ToList();
        Assert.True(traffic.Requests > 0, $"{deployment} received nothing");
        Assert.Equal((traffic.Requests, traffic.RequestBodyBytes, traffic.ResponseBodyBytes),
            (flows.Sum(f => f.Requests), flows.Sum(f => f.BytesSent), flows.Sum(f => f.BytesReceived)));
    }

    private string Suite(HandsetBackend origin, HandsetBackend near, string extra) => _temp.File("residency.yaml", $$"""
        version: 1
        name: residency
        study:
          world: none
          duration: 5s
          compare:
            - { probe: lab-desk, deployments: [beijing, mumbai] }
          endpoints:
            beijing: {{origin.BaseUrl}}
            mumbai: {{near.BaseUrl}}
          workloads:
            - { file: backup.yaml, sessions_per_minute: 300 }
          thresholds: ["residency: CN bytes_sent == 0"]
        {{extra}}
        """);
}
