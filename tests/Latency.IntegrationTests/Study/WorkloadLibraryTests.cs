using System.Net;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Bench.Study;
using Latency.IntegrationTests.Support;
using Latency.Scenarios.Load;
using Latency.Scenarios.Workloads;
using Latency.World.Backend;
using Latency.World.Tls;

namespace Latency.IntegrationTests.Study;

/// <summary>Every reference workload plays without an error against the handset backend (TLS 1.3, its HTTP version).</summary>
[Collection(TimingSensitive.Name)]
public sealed class WorkloadLibraryTests
{
    public static TheoryData<string> Workloads()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root(), "scenarios", "workloads"), "*.yaml").Order())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task Session_ReferenceWorkload_EveryRequestSucceeds(string file)
    {
        // Regression: photo-backup PUTs its photo, and the backend answered 405 to PUT /upload in a full default run.
        var workload = WorkloadLoader.Load(Path.Combine(RepositoryPaths.Root(), "scenarios", "workloads", file));
        using var authority = WorldCertificateAuthority.Create("library-test");
        await using var backend = await HandsetBackend.StartAsync(new HandsetBackendOptions()
            .WithAddress(IPAddress.Loopback, 0)
            .WithCertificate(authority.IssueServerCertificate(["service.world.latency"], [IPAddress.Loopback])), CancellationToken.None);
        var settings = new HttpClientSettings { TrustedRoots = [authority.Certificate] };
        var targets = workload.Roles.ToDictionary(role => role, role => new SessionTarget(role, new Uri($"https://127.0.0.1:{backend.BaseUrl.Port}/"), settings));
        var runner = new SessionRunner(workload);
        using var warm = new WarmClients();
        var scenario = Scenario.Create("library", ctx => runner.RunAsync(ctx, "local", targets, warm))
            .WithLoadSimulations(new IterationsForConstant(1, 1));

        var result = await new LoadEngine(new EngineOptions()).RunAsync([scenario], CancellationToken.None);

        var counters = result.Scenarios[0].Counters;
        Assert.True(counters.Failed == 0, $"{file}: {string.Join(", ", counters.Errors.Snapshot().Select(e => $"{e.Key} x{e.Value}"))}");
        Assert.Equal(workload.Requests.Count(), counters.Steps.Count(s => s.Name.StartsWith("local.", StringComparison.Ordinal)));
    }
}
