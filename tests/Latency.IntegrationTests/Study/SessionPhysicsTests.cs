using HdrHistogram;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.Bench.Study;
using Latency.IntegrationTests.Support;
using Latency.Scenarios.Load;
using Latency.Scenarios.Workloads;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Study;

/// <summary>
/// Sessions over the emulated world obey the physics of TCP and TLS 1.3: a new connection costs one round trip for
/// TCP and one for TLS, then each sequential request one more, plus server time; uploads are bounded by the uplink.
/// </summary>
[Collection(EmulatedWorld.Name)]
public sealed class SessionPhysicsTests(WorldFixture world, ITestOutputHelper output)
{
    [RequiresRootTheory]
    [InlineData("1.1")]
    [InlineData("2")]
    public async Task Session_KSequentialRequestsOnNewTls13Connection_TakesTwoPlusKRoundTripsPlusServerTime(string http)
    {
        const int k = 3;
        var serverTime = TimeSpan.FromMilliseconds(10);
        // 300 ms: a path long enough that the client's and server's own time stays well inside the 5%. Measured on
        // this machine over 80 ms: TLS handshake +5-7 ms (crypto, certificate chain), each request +2-4 ms (the
        // server's 10 ms timer rounds up, Kestrel, the client): 445-453 ms for 430, too close to the limit.
        var path = world.Path("d300");
        var workload = new WorkloadDefinition("physics", "k sequential requests", http, ConnectionMode.New,
            [.. Enumerable.Range(1, k).Select(i => new WorkloadRequest($"r{i}", "GET", WorkloadRequest.ServiceRole, null, 0, 100, serverTime))],
            Replay: false, Location: null);

        var session = await RunSessionsAsync(workload, "d300", iterations: 6);

        // The round trip comes from the world file, not from this test: (2 + k) x r + k x server time.
        var expectedMs = (2 + k) * path.RttMs + k * serverTime.TotalMilliseconds;
        var medianMs = session.GetValueAtPercentile(50) / 1000.0;
        output.WriteLine($"HTTP/{http}: session median {medianMs:0.00} ms, expected {expectedMs:0.00} ms (r = {path.RttMs} ms, k = {k})");
        Assert.InRange(medianMs, expectedMs * 0.95, expectedMs * 1.05);
    }

    [RequiresRootFact]
    public async Task Session_FiveMegabyteUploadOverFiveMegabitUplink_TakesAtLeastEightSeconds()
    {
        var workload = new WorkloadDefinition("upload", "one 5 MB upload", "2", ConnectionMode.New,
            [new WorkloadRequest("backup", "POST", WorkloadRequest.ServiceRole, null, 5_000_000, 0, TimeSpan.Zero)], Replay: false, Location: null);

        var session = await RunSessionsAsync(workload, "dup", iterations: 1);

        var seconds = session.GetMaxValue() / 1e6;
        output.WriteLine($"5 MB upload over 5 Mbit/s: {seconds:0.000} s");
        // 40,000,000 bits at 5,000,000 bit/s is 8 s of payload alone; headers only add to it.
        Assert.True(seconds >= 8.0, $"took {seconds} s");
        Assert.True(seconds < 10.0, $"took {seconds} s: far slower than the link");
    }

    private async Task<HdrHistogram.HistogramBase> RunSessionsAsync(WorkloadDefinition workload, string deployment, int iterations)
    {
        var endpoints = new WorldEndpoints(world.State);
        var (url, settings) = endpoints.For("p", deployment);
        var targets = new Dictionary<string, SessionTarget> { [WorkloadRequest.ServiceRole] = new(deployment, url, settings) };
        var runner = new SessionRunner(workload);
        using var warm = new WarmClients();
        var scenario = Scenario.Create("physics", ctx => runner.RunAsync(ctx, deployment, targets, warm))
            .WithLoadSimulations(new IterationsForConstant(1, iterations));

        var result = await new LoadEngine(new EngineOptions()).RunAsync([scenario], CancellationToken.None);

        Assert.Equal(0, result.Scenarios[0].Counters.Failed);
        foreach (var (key, total) in result.Histograms.Totals())
        {
            output.WriteLine($"  {key.Tag}: p50 {total.GetValueAtPercentile(50) / 1000.0:0.00} ms n={total.TotalCount}");
        }

        return result.Histograms.Total(new MetricKey("physics", deployment, MetricKinds.Uncorrected));
    }
}
