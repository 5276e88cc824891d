using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Latency.Bench.Distributed;
using Latency.Bench.Recording;
using Latency.RunDirectory;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace Latency.Bench.Application;

/// <summary>
/// The coordinator of a distributed study (<c>latency run SUITE --nats URL</c>): waits for an agent of every compared
/// probe, orders each agent to prepare its probe's cells (the suite sent whole, its files inlined), starts them all at
/// one instant on its own clock (each agent converts it with its measured offset), watches their heartbeats while they
/// run (an agent silent for 5 s is lost: its cells end partial, the run goes on), and builds one run directory from
/// the run's stream (<see cref="RunCollector"/>).
/// </summary>
public sealed class DistributedRunService(IRunObserver observer, TimeProvider time)
{
    /// <summary>How long an agent may take to prepare (clock, world, calibration) before the run is given up.</summary>
    public static readonly TimeSpan PrepareTimeout = AgentRun.PrepareTimeout + TimeSpan.FromSeconds(15);

    /// <summary>The least time between sending the start and the start itself, so every agent has it before.</summary>
    public static readonly TimeSpan StartMargin = TimeSpan.FromSeconds(2);

    /// <summary>How long after the last arrival the coordinator waits for agents' ends (sessions in flight drain).</summary>
    public static readonly TimeSpan DrainAllowance = TimeSpan.FromMinutes(10);

    /// <summary>Runs <paramref name="plan"/>'s study on the agents and writes its run directory.</summary>
    /// <param name="plan">The checked run (a study).</param>
    /// <param name="request">Where the agents are.</param>
    /// <param name="suitePath">The suite file to send (with the files it names).</param>
    /// <param name="suite">run.json's <c>suite</c>.</param>
    /// <param name="stop">Ctrl-C: the agents are told to stop, and what they recorded is collected.</param>
    public async Task<RunOutcome> RunAsync(RunPlan plan, DistributedRunRequest request, string suitePath, SuiteInfo suite, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        if (plan.Study is not { } study)
        {
            return RunOutcome.Rejected([new ValidationError(null, "--nats runs a study on agents; this suite has no 'study' section")]);
        }

        await using var nats = new NatsConnection(request.Nats.Options("latency-coordinator"));
        try
        {
            await nats.ConnectAsync().ConfigureAwait(false);
        }
        catch (NatsException ex)
        {
            return Failed($"cannot connect to {request.Nats.Url}: {ex.Message}");
        }

        using var serving = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var roster = new AgentRoster(time);
        var clockReady = new TaskCompletionSource();
        var listenReady = new TaskCompletionSource();
        var clock = ClockService.ServeAsync(nats, time, clockReady, serving.Token);
        var listening = AgentListener.ListenAsync(nats, roster, listenReady, serving.Token);
        try
        {
            await Task.WhenAll(clockReady.Task, listenReady.Task).WaitAsync(stop).ConfigureAwait(false);
            return await CoordinateAsync(nats, roster, plan, study, request, suitePath, suite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Failed("stopped before the agents started (Ctrl-C); nothing ran");
        }
        finally
        {
            await serving.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(clock, listening).ConfigureAwait(false);
        }
    }

    private async Task<RunOutcome> CoordinateAsync(NatsConnection nats, AgentRoster roster, RunPlan plan, StudyPreparation study,
        DistributedRunRequest request, string suitePath, SuiteInfo suite, CancellationToken stop)
    {
        var probes = study.Run.Cells.Select(c => c.Probe).Distinct(StringComparer.Ordinal).ToList();
        observer.Line($"Waiting up to {request.WaitAgents.TotalSeconds:0} s for an agent of each probe: {string.Join(", ", probes)}");
        if (await WaitForAgentsAsync(roster, probes, request.WaitAgents, stop).ConfigureAwait(false) is { Count: > 0 } missing)
        {
            return Failed($"no agent of {string.Join(", ", missing)} after {request.WaitAgents.TotalSeconds:0} s " +
                          $"(start 'latency agent --nats {request.Nats.Url} --probe {missing[0]}' on a host there; 'latency agents' lists who is heard)");
        }

        var runId = NewRunId();
        var js = nats.CreateJetStreamContext();
        await RunStream.CreateAsync(js, runId, stop).ConfigureAwait(false);
        // Read again from the file sent, not taken from the plan: the default study's plan was read from a folder since removed.
        var bundle = SuiteBundle.FromSuite(suitePath, SuiteLoader.Load(suitePath).Study ?? study.Definition);
        // Every agent heard for a probe takes a share of its arrivals, in the roster's order of names (ArrivalShare).
        var agents = probes.SelectMany(probe =>
        {
            var present = roster.Present(probe);
            return present.Select((agent, index) => (Probe: probe, Agent: agent.Last, Index: index, present.Count));
        }).ToList();
        observer.Line($"Run {runId}: ordering {agents.Count} agent(s) to prepare (clock, world, calibration)...");
        var orders = agents.Select(a => OrderAsync(nats, new RunOrder(runId, a.Probe, a.Agent.Name, a.Index, a.Count, bundle,
            plan.DurationLimit?.TotalSeconds, Environment.MachineName), stop)).ToList();
        var replies = await Task.WhenAll(orders).ConfigureAwait(false);
        var refused = agents.Zip(replies).Where(x => x.Second is not { Ready: true }).ToList();
        if (refused.Count > 0)
        {
            await StopAgentsAsync(nats, runId, agents.Select(a => a.Agent), "another agent refused the run", CancellationToken.None).ConfigureAwait(false);
            return Failed(string.Join("; ", refused.Select(x =>
                $"agent {x.First.Agent.Name} ({x.First.Probe}) {(x.Second is null ? "did not answer" : "refused: " + string.Join(", ", x.Second.Problems))}")));
        }

        var startUtc = time.GetUtcNow() + StartMargin;
        var planned = agents.Zip(replies).Select(x => new AgentRunInfo
        {
            Probe = x.First.Probe,
            Name = x.First.Agent.Name,
            Host = x.Second!.Host,
            Version = x.Second.Version,
            ShareIndex = x.First.Index,
            ShareCount = x.First.Count,
            ClockOffsetMs = x.Second.ClockOffsetMs,
            ClockUncertaintyMs = x.Second.ClockUncertaintyMs,
            Status = RunStatus.Partial,
            StatusReason = "running",
            Scenarios = [.. study.Run.Cells.Where(c => c.Probe == x.First.Probe).Select(c => Study.StudyScenarioFactory.ScenarioName(c.Probe, c.Workload.Name))],
        }).ToList();
        var distributedPlan = new DistributedPlan(runId, suite, RunManifestBuilder.Environment(NetworkBackend.Direct), startUtc,
            request.ClockUncertaintyBoundMs, planned, Comparisons(study));
        await js.PublishAsync(RunStream.PlanSubject(runId), DistributedJson.Serialize(distributedPlan),
            opts: new NatsJSPubOpts { MsgId = RunStream.SingleMessageId("plan") }, cancellationToken: stop).ConfigureAwait(false);
        foreach (var agent in planned.Where(a => a.ClockUncertaintyMs > request.ClockUncertaintyBoundMs))
        {
            observer.Warning($"agent {agent.Name} ({agent.Probe}): clock offset uncertain by {agent.ClockUncertaintyMs:0.#} ms, beyond {request.ClockUncertaintyBoundMs:0.#} ms");
        }

        await Task.WhenAll(agents.Select(a => ControlAsync(nats, a.Agent, new RunControl(runId, startUtc, null), stop))).ConfigureAwait(false);
        observer.Line($"Run {runId}: {agents.Count} agent(s) start at {startUtc:HH:mm:ss.fff} UTC; results stream to {RunStream.StreamName(runId)} " +
                      $"('latency collect {runId} --nats {request.Nats.Url} --out DIR' rebuilds the run directory from it)");
        var lost = await WatchAsync(nats, js, roster, runId, agents.Select(a => a.Agent).ToList(), startUtc + study.Run.Duration + DrainAllowance, stop)
            .ConfigureAwait(false);
        observer.Line($"Run {runId}: collecting the stream into {plan.OutDirectory}");
        return await RunCollector.CollectAsync(js, runId, plan.OutDirectory, lost, observer, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> WaitForAgentsAsync(AgentRoster roster, IReadOnlyList<string> probes, TimeSpan wait, CancellationToken stop)
    {
        // Two heartbeats' time at least, so every agent already up is heard, not only the first of each probe.
        var least = time.GetUtcNow() + 2 * AgentHeartbeats.Interval;
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var missing = roster.MissingProbes(probes);
            var now = time.GetUtcNow();
            if ((missing.Count == 0 && now >= least) || now >= deadline)
            {
                return missing;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, stop).ConfigureAwait(false);
        }
    }

    // Until every agent has published its end or is lost (and the others are done), or the deadline passes.
    private async Task<IReadOnlyDictionary<string, string>> WatchAsync(NatsConnection nats, INatsJSContext js, AgentRoster roster, string runId,
        IReadOnlyList<AgentHeartbeat> agents, DateTimeOffset deadline, CancellationToken stop)
    {
        var ended = new HashSet<string>(StringComparer.Ordinal);
        var lost = new Dictionary<string, string>(StringComparer.Ordinal);
        var stopSent = false;
        var lastLine = time.GetUtcNow();
        var connectedSince = new StrongBox<DateTimeOffset>(time.GetUtcNow());
        nats.ConnectionOpened += (_, _) =>
        {
            connectedSince.Value = time.GetUtcNow();
            return ValueTask.CompletedTask;
        };
        while (true)
        {
            if (stop.IsCancellationRequested && !stopSent)
            {
                stopSent = true;
                observer.Line($"Run {runId}: stopping the agents (Ctrl-C); collecting what they recorded");
                await StopAgentsAsync(nats, runId, agents, "the coordinator was stopped (Ctrl-C)", CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var agent in agents.Where(a => !ended.Contains(a.Name)))
            {
                if (await HasEndedAsync(js, runId, agent.Name).ConfigureAwait(false))
                {
                    ended.Add(agent.Name);
                    lost.Remove(agent.Name);
                }
            }

            var presence = roster.Snapshot();
            // Silence counts only while this side could hear: after its own reconnect (a server restart silences every
            // agent at once), each agent gets the full grace again.
            var hearing = nats.ConnectionState == NatsConnectionState.Open && time.GetUtcNow() - connectedSince.Value > roster.LostAfter;
            foreach (var agent in agents.Where(a => hearing && !ended.Contains(a.Name) && !lost.ContainsKey(a.Name)))
            {
                if (presence.FirstOrDefault(p => p.Last.Probe == agent.Probe && p.Last.Name == agent.Name) is { Lost: true } silent)
                {
                    lost[agent.Name] = $"lost: no heartbeat for {silent.Silence.TotalSeconds:0} s from {silent.Heard:HH:mm:ss} UTC";
                    observer.Warning($"agent {agent.Name} ({agent.Probe}) lost (no heartbeat since {silent.Heard:HH:mm:ss} UTC): its cells will be partial; the run goes on");
                }
            }

            var now = time.GetUtcNow();
            if (agents.All(a => ended.Contains(a.Name) || lost.ContainsKey(a.Name)))
            {
                return lost;
            }

            if (now > deadline)
            {
                foreach (var agent in agents.Where(a => !ended.Contains(a.Name)))
                {
                    lost.TryAdd(agent.Name, $"no end by {deadline:HH:mm:ss} UTC (the run's length and {DrainAllowance.TotalMinutes:0} min for sessions to drain)");
                }

                return lost;
            }

            if (now - lastLine >= TimeSpan.FromSeconds(15))
            {
                lastLine = now;
                observer.Line($"Run {runId}: {ended.Count} of {agents.Count} agent(s) done{(lost.Count == 0 ? "" : $", lost: {string.Join(", ", lost.Keys)}")}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<bool> HasEndedAsync(INatsJSContext js, string runId, string agent)
    {
        try
        {
            var stream = await js.GetStreamAsync(RunStream.StreamName(runId)).ConfigureAwait(false);
            await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = RunStream.DoneSubject(runId, agent) }).ConfigureAwait(false);
            return true;
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return false;
        }
        catch (Exception ex) when (ex is NatsException or NatsJSException or TimeoutException)
        {
            // The server is away for now (a restart): ask again next time.
            return false;
        }
    }

    private static async Task<RunOrderReply?> OrderAsync(NatsConnection nats, RunOrder order, CancellationToken stop)
    {
        try
        {
            var reply = await nats.RequestAsync<byte[], byte[]>(DistributedSubjects.Order(order.Probe, order.Agent), DistributedJson.Serialize(order),
                replyOpts: new NatsSubOpts { Timeout = PrepareTimeout }, cancellationToken: stop).ConfigureAwait(false);
            return reply.Data is { } data ? DistributedJson.Deserialize<RunOrderReply>(data) : null;
        }
        catch (Exception ex) when (ex is NatsNoReplyException or NatsNoRespondersException)
        {
            return null;
        }
    }

    private static async Task ControlAsync(NatsConnection nats, AgentHeartbeat agent, RunControl control, CancellationToken stop)
    {
        try
        {
            await nats.RequestAsync<byte[], byte[]>(DistributedSubjects.Control(agent.Probe, agent.Name), DistributedJson.Serialize(control),
                replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(5) }, cancellationToken: stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NatsNoReplyException or NatsNoRespondersException)
        {
            // Not heard: a start the agent misses shows as its part not running (lost or never ended); a stop, as a full part.
        }
    }

    private static Task StopAgentsAsync(NatsConnection nats, string runId, IEnumerable<AgentHeartbeat> agents, string reason, CancellationToken stop) =>
        Task.WhenAll(agents.Select(a => ControlAsync(nats, a, new RunControl(runId, null, reason), stop)));

    private static IReadOnlyList<StudyComparison> Comparisons(StudyPreparation study) =>
    [
        .. study.Run.Cells.GroupBy(c => c.Probe).Select(g =>
        {
            var probe = study.World?.Probes.FirstOrDefault(p => p.Name == g.Key);
            return new StudyComparison
            {
                Probe = g.Key,
                Country = probe is null ? null : Scenarios.Worlds.WorldCountries.EnglishName(probe.Country),
                City = probe?.City,
                Origin = g.First().Deployments[0],
                InRegion = [.. g.First().Deployments.Skip(1)],
            };
        }),
    ];

    /// <summary>A run id: the UTC time and a random suffix, a subject token so the stream and subjects can carry it.</summary>
    private string NewRunId() =>
        $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    private static RunOutcome Failed(string reason) => new() { Status = RunStatus.Failed, StatusReason = reason };
}
