using Latency.IntegrationTests.Support;
using Latency.RunDirectory;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Cli;

/// <summary>
/// `latency run --url` against Python's http.server (headers and body in two writes, Nagle on), the server on which
/// our client once read p50 43 ms where wrk2 read 0.2-0.5 ms: the body waited for a delayed ACK. wrk2 spreads the
/// rate over its connections; a client that reuses the connection freed last sends on it again within the delayed-ACK
/// timeout, so Linux delays its ACKs on that connection and every body waits ~40 ms.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class TwoWriteServerTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [RequiresPython3Fact]
    public async Task Run_UrlAt100PerSecondOver10Connections_P50FarBelowDelayedAck()
    {
        await using var server = await TwoWriteHttpServer.StartAsync();
        var outDir = Path.Combine(_temp.Path, "run");

        // wrk2's one-liner figures on this server: -R100 -c10 p50 0.2-0.5 ms; one connection at 100/s (-c1) 44 ms.
        var outcome = await CliRun.InProcessAsync("run", "--url", server.BaseUrl.AbsoluteUri, "--rate", "100", "--connections", "10",
            "--duration", "5s", "--warm-up", "1s", "--no-progress", "--out", outDir);
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(0, outcome.ExitCode);
        var scenario = Assert.Single((await RunManifestFile.ReadAsync(outDir)).Scenarios);
        Assert.Equal(500, scenario.Iterations.Ok);
        var transfer = Assert.Single(scenario.Steps).Phases["transfer"];
        // Loopback and a 3-byte body: anything near the 40 ms delayed-ACK timer is the stall, not the server.
        Assert.True(scenario.Uncorrected.P50Us < 5_000, $"uncorrected p50 {scenario.Uncorrected.P50Us} us; a body waiting for a delayed ACK reads ~40 ms");
        Assert.True(transfer.P50Us < 5_000, $"transfer p50 {transfer.P50Us} us; the body waits for a delayed ACK of the headers");
    }
}
