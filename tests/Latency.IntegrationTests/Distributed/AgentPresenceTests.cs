using System.Diagnostics;
using Latency.Bench.Distributed;
using Latency.IntegrationTests.Support;
using NATS.Client.Core;

namespace Latency.IntegrationTests.Distributed;

/// <summary>
/// Agents as separate processes of the built program against a real nats-server: they register, are listed, are
/// noticed when killed, and come back after the server restarts.
/// </summary>
public class AgentPresenceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [RequiresNatsServerFact]
    public async Task Agents_TwoProbes_ListedByLatencyAgents()
    {
        await using var server = await NatsServer.StartAsync();
        using var mumbai = StartAgent(server, "mumbai", "in-1");
        using var taipei = StartAgent(server, "taipei", "tw-1");
        try
        {
            await WaitUntilAsync(async () => (await ListAsync(server)).Output.Contains("tw-1", StringComparison.Ordinal) &&
                                             (await ListAsync(server)).Output.Contains("in-1", StringComparison.Ordinal));

            var listed = await ListAsync(server);

            Assert.Equal(0, listed.ExitCode);
            var lines = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("probe", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("mumbai", StringComparison.Ordinal) && l.Contains(" in-1 ", StringComparison.Ordinal) && l.Contains("idle", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("taipei", StringComparison.Ordinal) && l.Contains(" tw-1 ", StringComparison.Ordinal));
        }
        finally
        {
            await StopAsync(mumbai);
            await StopAsync(taipei);
        }
    }

    [RequiresNatsServerFact]
    public async Task Agent_KilledWithSigkill_LostWithinTenSeconds_OtherStaysPresent()
    {
        await using var server = await NatsServer.StartAsync();
        await using var nats = new NatsConnection(new NatsOpts { Url = server.Url });
        var roster = new AgentRoster(TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var ready = new TaskCompletionSource();
        var listening = AgentListener.ListenAsync(nats, roster, ready, stop.Token);
        await ready.Task.WaitAsync(Patience);
        using var doomed = StartAgent(server, "jakarta", "id-1");
        using var survivor = StartAgent(server, "jakarta", "id-2");
        try
        {
            await WaitUntilAsync(() => Task.FromResult(roster.Present("jakarta").Count == 2));

            doomed.Kill();
            var killed = Stopwatch.StartNew();
            await WaitUntilAsync(() => Task.FromResult(roster.Snapshot().Single(a => a.Last.Name == "id-1").Lost));

            Assert.InRange(killed.Elapsed, AgentRoster.DefaultLostAfter - TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
            Assert.Equal(["id-2"], roster.Present("jakarta").Select(a => a.Last.Name));
            Assert.Empty(roster.MissingProbes(["jakarta"]));
        }
        finally
        {
            await StopAsync(survivor);
            await stop.CancelAsync();
            await listening;
        }
    }

    [RequiresNatsServerFact]
    public async Task Agent_ServerRestarted_ReconnectsAndHeartbeatsResume()
    {
        await using var server = await NatsServer.StartAsync();
        using var agent = StartAgent(server, "manila", "ph-1");
        try
        {
            await WaitUntilAsync(async () => (await ListAsync(server)).Output.Contains("ph-1", StringComparison.Ordinal));

            await server.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await server.RestartAsync();

            await WaitUntilAsync(async () => (await ListAsync(server)).Output.Contains("ph-1", StringComparison.Ordinal));
            Assert.False(agent.HasExited, "the agent exited when the server went away");
        }
        finally
        {
            var error = await StopAsync(agent);
            Assert.Contains("reconnecting", error, StringComparison.Ordinal);
            Assert.Contains("stopped after", error, StringComparison.Ordinal);
        }
    }

    [RequiresNatsServerFact]
    public async Task ClockProbe_AgainstTheCoordinatorsClockService_OffsetWithinItsUncertaintyOfZero()
    {
        await using var server = await NatsServer.StartAsync();
        await using var coordinator = new NatsConnection(new NatsOpts { Url = server.Url });
        await using var agent = new NatsConnection(new NatsOpts { Url = server.Url });
        using var stop = new CancellationTokenSource();
        var ready = new TaskCompletionSource();
        var serving = ClockService.ServeAsync(coordinator, TimeProvider.System, ready, stop.Token);
        await ready.Task.WaitAsync(Patience);
        await coordinator.PingAsync();

        var offset = await ClockProbe.MeasureAsync(agent, TimeProvider.System, ClockProbe.DefaultSamples, TimeSpan.FromSeconds(2), CancellationToken.None);

        await stop.CancelAsync();
        await serving;
        // One machine, one clock: the true offset is 0, so the estimate must lie within its own uncertainty of it.
        Assert.NotNull(offset);
        Assert.Equal(ClockProbe.DefaultSamples, offset.Samples);
        Assert.True(offset.Offset.Duration() <= offset.Uncertainty + TimeSpan.FromTicks(1),
            $"offset {offset.Offset.TotalMilliseconds:0.000} ms beyond uncertainty {offset.Uncertainty.TotalMilliseconds:0.000} ms");
        Assert.True(offset.RoundTrip < TimeSpan.FromMilliseconds(100), $"shortest round trip {offset.RoundTrip.TotalMilliseconds:0.0} ms on loopback");
    }

    [Fact]
    public async Task Agent_NoServerAtTheUrl_Exit3WithTheReason()
    {
        var port = FreePort();

        var outcome = await CliRun.ChildAsync(new Dictionary<string, string>(), Patience, "agent", "--nats", $"nats://127.0.0.1:{port}", "--probe", "mumbai");

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains($"cannot connect to nats://127.0.0.1:{port}", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_BadArguments_Exit2WithEveryProblem()
    {
        var outcome = await CliRun.InProcessAsync("agent", "--nats", "http://x", "--probe", "a.b", "--name", "c d");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("latency: --nats: 'http://x'", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("latency: --probe: 'a.b'", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("latency: --name: 'c d'", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("3 problem(s); the agent did not start", outcome.Error, StringComparison.Ordinal);
    }

    private static Process StartAgent(NatsServer server, string probe, string name) =>
        CliRun.Start("agent", "--nats", server.Url, "--probe", probe, "--name", name);

    private static Task<CliRun.Outcome> ListAsync(NatsServer server) =>
        CliRun.InProcessAsync("agents", "--nats", server.Url, "--listen", "1.5s");

    /// <summary>Stops an agent as systemd would (SIGTERM) and returns what it wrote to standard error.</summary>
    private static async Task<string> StopAsync(Process agent)
    {
        if (!agent.HasExited)
        {
            CliRun.Signal(agent, "TERM");
        }

        await agent.WaitForExitAsync().WaitAsync(Patience);
        return await agent.StandardError.ReadToEndAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < Patience, "the condition did not hold in time");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
