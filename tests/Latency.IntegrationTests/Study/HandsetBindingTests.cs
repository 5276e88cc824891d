using System.Net;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Bench.Study;
using Latency.IntegrationTests.Support;
using Latency.Scenarios.Workloads;
using Latency.World.Backend;
using Latency.World.Tls;

namespace Latency.IntegrationTests.Study;

/// <summary>
/// Issue 14: with the radio on, a study's sessions send from the handsets their probe's pool rents out, so the
/// emulator sees each handset's own traffic. On loopback every 127.0.0.x is a local address, so a pool over
/// 127.0.0.10-13 stands in for a probe's handsets (the tun backend's 198.19.x.y need root and the probe's route), and
/// a forwarder in front of the backend sees which address each connection came from.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class HandsetBindingTests
{
    private static readonly IPAddress FirstHandset = IPAddress.Parse("127.0.0.10");
    private const int Handsets = 4;

    [Theory]
    [InlineData(ConnectionMode.New)]
    [InlineData(ConnectionMode.Warm)]
    public async Task StudySessions_RadioOn_ConnectFromTheirRentedHandsets(ConnectionMode connection)
    {
        using var authority = WorldCertificateAuthority.Create("handset-test");
        await using var backend = await HandsetBackend.StartAsync(new HandsetBackendOptions()
            .WithAddress(IPAddress.Loopback, 0)
            .WithCertificate(authority.IssueServerCertificate(["service.world.latency"], [IPAddress.Loopback])), CancellationToken.None);
        await using var forwarder = new CountingTcpForwarder(new IPEndPoint(IPAddress.Loopback, backend.BaseUrl.Port));
        var url = new Uri($"https://127.0.0.1:{forwarder.BaseUrl.Port}/");
        var settings = new HttpClientSettings { TrustedRoots = [authority.Certificate] };
        var workload = Heartbeat(connection);
        var cell = Cell(workload);
        var pool = new HandsetPool(FirstHandset, Handsets, TimeSpan.FromSeconds(11), TimeProvider.System);
        using var warm = new WarmClients();

        var scenario = StudyScenarioFactory.Create(cell, (_, deployment) => new SessionTarget(deployment, url, settings), warm,
            TimeSpan.FromSeconds(3), seed: 1, handsets: pool);
        var result = await new LoadEngine(new EngineOptions()).RunAsync([scenario], CancellationToken.None);

        var counters = result.Scenarios[0].Counters;
        Assert.True(counters.Failed == 0, string.Join(", ", counters.Errors.Snapshot().Select(e => $"{e.Key} x{e.Value}")));
        var handsets = Enumerable.Range(0, Handsets).Select(h => IPAddress.Parse($"127.0.0.{10 + h}")).ToHashSet();
        Assert.NotEmpty(forwarder.ClientAddresses);
        Assert.All(forwarder.ClientAddresses, address => Assert.Contains(address, handsets));
        // Each arrival rents one handset per deployment, and every one came back.
        var rents = pool.Rents;
        Assert.Equal(0, rents % 2);
        Assert.Equal(Handsets, Enumerable.Range(0, Handsets).Count(_ => pool.Rent(TimeSpan.Zero) is not null));
        if (connection == ConnectionMode.Warm)
        {
            // One kept connection per (deployment, handset): bounded by the pool, and reused, not reopened.
            Assert.InRange(warm.Count, 1, 2 * Handsets);
            Assert.Equal(warm.Count, forwarder.Connections);
            // Each was opened in a session whose radio was thus warmer than its 300 ms asked: counted.
            Assert.True(pool.Shortfalls >= warm.Count, $"{pool.Shortfalls} shortfalls, {warm.Count} warm connections opened");
        }
        else
        {
            // A new connection per session, each from its own handset.
            Assert.Equal(rents, forwarder.Connections);
        }
    }

    [Fact]
    public async Task StudySessions_ConnectionRefused_ReturnTheirHandsets()
    {
        // A port nothing listens on: every session fails at connect.
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var pool = new HandsetPool(FirstHandset, Handsets, TimeSpan.FromSeconds(11), TimeProvider.System);
        using var warm = new WarmClients();

        var scenario = StudyScenarioFactory.Create(Cell(Heartbeat(ConnectionMode.New)),
            (_, deployment) => new SessionTarget(deployment, new Uri($"https://127.0.0.1:{port}/"), new HttpClientSettings()), warm,
            TimeSpan.FromSeconds(2), seed: 1, handsets: pool);
        var result = await new LoadEngine(new EngineOptions()).RunAsync([scenario], CancellationToken.None);

        Assert.True(result.Scenarios[0].Counters.Failed > 0);
        Assert.True(pool.Rents > 0);
        Assert.Equal(Handsets, Enumerable.Range(0, Handsets).Count(_ => pool.Rent(TimeSpan.Zero) is not null));
    }

    private static WorkloadDefinition Heartbeat(ConnectionMode connection) =>
        new("heartbeat", "", "2", connection,
            [new WorkloadRequest("ping", "POST", WorkloadRequest.ServiceRole, null, 64, 32, TimeSpan.FromMilliseconds(2))], Replay: false, Location: null)
        {
            IdleBefore = IdleBefore.Fixed(TimeSpan.FromMilliseconds(300)),
        };

    private static StudyCell Cell(WorkloadDefinition workload) =>
        new("probe", ["origin", "in-region"], workload, 120, new Dictionary<string, string>());
}
