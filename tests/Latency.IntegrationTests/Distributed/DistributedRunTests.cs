using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Latency.Bench.Distributed;
using Latency.IntegrationTests.Support;
using Latency.RunDirectory;
using Latency.World.Backend;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Distributed;

/// <summary>
/// Distributed runs end to end: a real nats-server, agents as separate processes of the built program, the coordinator
/// (<c>latency run SUITE --nats</c>), and two local handset backends standing in for the deployments (<c>world: none</c>,
/// so the probes are labels and no root is needed). Faults: an agent killed with SIGKILL, the coordinator killed and
/// the run collected afterwards, the server restarted mid-run.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed partial class DistributedRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _temp = new();
    private readonly List<Process> _agents = [];
    private HandsetBackend? _origin;
    private HandsetBackend? _near;

    public async Task InitializeAsync()
    {
        _origin = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        _near = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        _temp.File("ping.yaml", """
            version: 1
            name: ping
            description: "one request"
            http: "1.1"
            steps:
              - request: { name: ping, response_bytes: 100, server_ms: 2 }
            """);
    }

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents.Where(a => !a.HasExited))
        {
            agent.Kill();
        }

        await _origin!.DisposeAsync();
        await _near!.DisposeAsync();
        _temp.Dispose();
    }

    [RequiresNatsServerFact]
    public async Task Run_TwoProbesOnTwoAgents_OneRunDirectoryWhoseCountersAndLogsAreTheAgentsExactly()
    {
        await using var server = await ServerWithBothAgentsAsync();
        var outDir = _temp.File("run");

        var outcome = await CliRun.InProcessAsync("run", Suite("6s"), "--nats", server.Url, "--out", outDir, "--no-progress");
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(0, outcome.ExitCode);
        var manifest = await RunManifestFile.ReadAsync(outDir);
        Assert.Equal(RunStatus.Complete, manifest.Status);
        var distributed = Assert.IsType<DistributedInfo>(manifest.Distributed);
        Assert.Equal(["a1", "b1"], distributed.Agents.Select(a => a.Name));
        Assert.All(distributed.Agents, a => Assert.Equal(RunStatus.Complete, a.Status));
        Assert.All(distributed.Agents, a => Assert.True(a.ClockUncertaintyMs < 10, $"{a.Name}: uncertainty {a.ClockUncertaintyMs} ms on one machine"));
        Assert.Equal(["lab-a", "lab-b"], manifest.Study!.Comparisons.Select(c => c.Probe));
        var agentStarts = new List<DateTimeOffset>();
        foreach (var agent in distributed.Agents)
        {
            // The agent's own run directory is what it recorded; the coordinator's copy must be that, exactly.
            var own = AgentRunDirectory(distributed.RunId, agent.Name);
            var ownManifest = await RunManifestFile.ReadAsync(own);
            agentStarts.Add(ownManifest.StartedUtc);
            var ownScenario = Assert.Single(ownManifest.Scenarios);
            var merged = Assert.Single(manifest.Scenarios, s => s.Name == ownScenario.Name);
            Assert.Equal(ownScenario.Iterations, merged.Iterations);
            Assert.Equal(ownScenario.IntendedIterations, merged.IntendedIterations);
            Assert.True(merged.Iterations.Ok >= 10, $"{merged.Name}: only {merged.Iterations.Ok} sessions");
            var log = ownScenario.Name + ".hlog";
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(own, log)), await File.ReadAllBytesAsync(Path.Combine(outDir, log)));
            Assert.Contains(manifest.HistogramLogs, l => l.File == log);
        }

        // Both started at the coordinator's instant: within 50 ms of each other (one machine, one clock).
        var spread = agentStarts.Max() - agentStarts.Min();
        Assert.True(spread < TimeSpan.FromMilliseconds(50), $"agents started {spread.TotalMilliseconds:0} ms apart");
        var data = await RunDirectoryReader.ReadAsync(outDir);
        Assert.False(data.HasErrors, string.Join("; ", data.Problems));
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
    }

    [RequiresNatsServerFact]
    public async Task Run_TwoAgentsForOneProbe_ShareItsArrivalsEvenly_TheirScenarioMergedExactly()
    {
        await using var server = await ServerWithBothAgentsAsync();
        StartAgent(server, "lab-a", "a2");
        var outDir = _temp.File("run");

        var outcome = await CliRun.InProcessAsync("run", Suite("6s"), "--nats", server.Url, "--out", outDir, "--no-progress");
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(0, outcome.ExitCode);
        var manifest = await RunManifestFile.ReadAsync(outDir);
        var distributed = manifest.Distributed!;
        Assert.Equal([("a1", 0, 2), ("a2", 1, 2), ("b1", 0, 1)], distributed.Agents.Select(a => (a.Name, a.ShareIndex, a.ShareCount)));
        var parts = new List<ScenarioResult>();
        foreach (var agent in new[] { "a1", "a2" })
        {
            var own = AgentRunDirectory(distributed.RunId, agent);
            parts.Add(Assert.Single((await RunManifestFile.ReadAsync(own)).Scenarios));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(own, "lab-a.ping.hlog")),
                await File.ReadAllBytesAsync(Path.Combine(outDir, $"lab-a.ping.{agent}.hlog")));
        }

        // Round robin by arrival index: the two shares differ by one arrival at most, and add up exactly.
        Assert.InRange(Math.Abs(parts[0].IntendedIterations - parts[1].IntendedIterations), 0, 1);
        var merged = Assert.Single(manifest.Scenarios, s => s.Name == "lab-a.ping");
        Assert.Equal(parts.Sum(p => p.IntendedIterations), merged.IntendedIterations);
        Assert.Equal(parts.Sum(p => p.Iterations.Ok), merged.Iterations.Ok);
        Assert.Equal(parts.Sum(p => p.Corrected.Count), merged.Corrected.Count);
        var data = await RunDirectoryReader.ReadAsync(outDir);
        Assert.False(data.HasErrors, string.Join("; ", data.Problems));
        Assert.Equal(parts.Sum(p => p.Corrected.Count), data.Totals[HistogramTag.ForIteration("lab-a.ping", HistogramTag.Corrected)].TotalCount);
    }

    [RequiresNatsServerFact]
    public async Task Run_AnAgentKilledMidRun_ItsCellsPartialWithTheReason_TheOtherComplete_Exit3()
    {
        await using var server = await NatsServer.StartAsync();
        StartAgent(server, "lab-a", "a1");
        var doomed = StartAgent(server, "lab-b", "b1");
        var outDir = _temp.File("run");

        var coordinator = CliRun.InProcessAsync("run", Suite("12s"), "--nats", server.Url, "--out", outDir, "--no-progress");
        await CliRun.WaitUntilAsync(() => AgentLogs("b1").Any(f => IntervalLines(f) >= 3), Patience, "agent b1 to record a few intervals");
        doomed.Kill();
        var outcome = await coordinator.WaitAsync(Patience);
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("agent b1 (lab-b) lost", outcome.Error, StringComparison.Ordinal);
        var manifest = await RunManifestFile.ReadAsync(outDir);
        Assert.Equal(RunStatus.Partial, manifest.Status);
        var agents = manifest.Distributed!.Agents;
        Assert.Equal(RunStatus.Complete, agents.Single(a => a.Name == "a1").Status);
        var lost = agents.Single(a => a.Name == "b1");
        Assert.Equal(RunStatus.Partial, lost.Status);
        Assert.Contains("lost: no heartbeat", lost.StatusReason, StringComparison.Ordinal);
        Assert.Contains("agent b1 (lab-b): lost", manifest.StatusReason, StringComparison.Ordinal);
        // What b1 streamed before it died is kept: its log is there and readable.
        Assert.True(File.Exists(Path.Combine(outDir, "lab-b.ping.hlog")));
        var data = await RunDirectoryReader.ReadAsync(outDir);
        Assert.Contains(data.Totals, t => t.Key.Scenario == "lab-b.ping" && t.Value.TotalCount > 0);
        Assert.Single(manifest.Scenarios, s => s.Name == "lab-a.ping");
    }

    [RequiresNatsServerFact]
    public async Task Collect_AfterTheCoordinatorWasKilledMidRun_RebuildsEveryInterval()
    {
        await using var server = await ServerWithBothAgentsAsync();
        var lines = new ConcurrentQueue<string>();
        using var coordinator = CliRun.Start("run", Suite("8s"), "--nats", server.Url, "--out", _temp.File("never"), "--no-progress");
        coordinator.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? "");
        coordinator.BeginOutputReadLine();
        await CliRun.WaitUntilAsync(() => lines.Any(l => l.Contains(" start at ", StringComparison.Ordinal)), Patience, "the coordinator to start the agents");
        var runId = RunIdPattern().Match(lines.First(l => l.Contains(" start at ", StringComparison.Ordinal))).Groups[1].Value;
        coordinator.Kill();
        await using (var nats = new NatsConnection(new NatsOpts { Url = server.Url }))
        {
            var js = nats.CreateJetStreamContext();
            var deadline = Stopwatch.StartNew();
            while (!(await HasEndedAsync(js, runId, "a1") && await HasEndedAsync(js, runId, "b1")))
            {
                Assert.True(deadline.Elapsed < Patience, "the agents did not publish their ends in time");
                await Task.Delay(500);
            }
        }

        var outDir = _temp.File("collected");

        var outcome = await CliRun.InProcessAsync("collect", runId, "--nats", server.Url, "--out", outDir);
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(0, outcome.ExitCode);
        Assert.False(Directory.Exists(_temp.File("never")), "the killed coordinator wrote a run directory");
        var manifest = await RunManifestFile.ReadAsync(outDir);
        Assert.Equal(RunStatus.Complete, manifest.Status);
        Assert.Equal(runId, manifest.Distributed!.RunId);
        foreach (var agent in new[] { "a1", "b1" })
        {
            var own = AgentRunDirectory(runId, agent);
            var log = Path.GetFileName(Directory.GetFiles(own, "*.hlog").Single());
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(own, log)), await File.ReadAllBytesAsync(Path.Combine(outDir, log)));
        }

        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
    }

    [RequiresNatsServerFact]
    public async Task Run_ServerRestartedMidRun_AgentsReconnectAndNothingIsLost()
    {
        await using var server = await ServerWithBothAgentsAsync();
        var outDir = _temp.File("run");

        var coordinator = CliRun.InProcessAsync("run", Suite("12s"), "--nats", server.Url, "--out", outDir, "--no-progress");
        await CliRun.WaitUntilAsync(() => AgentLogs("a1").Any(f => IntervalLines(f) >= 3), Patience, "agent a1 to record a few intervals");
        await server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await server.RestartAsync();
        var outcome = await coordinator.WaitAsync(Patience);
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(0, outcome.ExitCode);
        var manifest = await RunManifestFile.ReadAsync(outDir);
        Assert.Equal(RunStatus.Complete, manifest.Status);
        foreach (var agent in manifest.Distributed!.Agents)
        {
            var own = AgentRunDirectory(manifest.Distributed.RunId, agent.Name);
            var log = Path.GetFileName(Directory.GetFiles(own, "*.hlog").Single());
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(own, log)), await File.ReadAllBytesAsync(Path.Combine(outDir, log)));
        }
    }

    [RequiresNatsServerFact]
    public async Task Run_NoAgentForAProbe_Exit3NamingIt_NothingWritten()
    {
        await using var server = await NatsServer.StartAsync();
        StartAgent(server, "lab-a", "a1");
        var outDir = _temp.File("run");

        var outcome = await CliRun.InProcessAsync("run", Suite("5s"), "--nats", server.Url, "--wait-agents", "3s", "--out", outDir, "--no-progress");

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("no agent of lab-b after 3 s", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("lab-a,", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    private string Suite(string duration) => _temp.File($"two-labs-{duration}.yaml", $$"""
        version: 1
        name: two-labs
        study:
          world: none
          duration: {{duration}}
          compare:
            - { probe: lab-a, deployments: [origin, near] }
            - { probe: lab-b, deployments: [origin, near] }
          endpoints:
            origin: {{_origin!.BaseUrl}}
            near: {{_near!.BaseUrl}}
          workloads:
            - { file: ping.yaml, sessions_per_minute: 240 }
        """);

    /// <summary>A server, and an agent of each probe: a1 of lab-a, b1 of lab-b.</summary>
    private async Task<NatsServer> ServerWithBothAgentsAsync()
    {
        var server = await NatsServer.StartAsync();
        StartAgent(server, "lab-a", "a1");
        StartAgent(server, "lab-b", "b1");
        return server;
    }

    private Process StartAgent(NatsServer server, string probe, string name)
    {
        var agent = CliRun.Start("agent", "--nats", server.Url, "--probe", probe, "--name", name, "--runs", _temp.File("agent-runs"));
        // Read as it comes: a full pipe would block the agent.
        agent.OutputDataReceived += (_, e) => Tell($"[{name}] {e.Data}");
        agent.ErrorDataReceived += (_, e) => Tell($"[{name}] {e.Data}");
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        _agents.Add(agent);
        return agent;
    }

    // An agent may still write after its test ended, when xunit's output no longer takes lines.
    private void Tell(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test is over.
        }
    }

    private string AgentRunDirectory(string runId, string agent) => Path.Combine(_temp.File("agent-runs"), $"{runId}-{agent}");

    private IEnumerable<string> AgentLogs(string agent) =>
        Directory.Exists(_temp.File("agent-runs"))
            ? Directory.GetDirectories(_temp.File("agent-runs"), $"*-{agent}").SelectMany(d => Directory.GetFiles(d, "*.hlog"))
            : [];

    // Intervals, not lines: each interval writes a line per metric, all at once.
    private static int IntervalLines(string log) =>
        File.ReadLines(log).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("\"StartTimestamp\"", StringComparison.Ordinal))
            .Select(l => l.Split(',')[^4]).Distinct(StringComparer.Ordinal).Count();

    private static async Task<bool> HasEndedAsync(INatsJSContext js, string runId, string agent)
    {
        try
        {
            var stream = await js.GetStreamAsync(RunStream.StreamName(runId));
            await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = RunStream.DoneSubject(runId, agent) });
            return true;
        }
        catch (NatsJSApiException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Run (\S+): ")]
    private static partial Regex RunIdPattern();
}
