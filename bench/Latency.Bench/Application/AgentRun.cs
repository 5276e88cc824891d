using Latency.Bench.Distributed;
using Latency.RunDirectory;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Net;

namespace Latency.Bench.Application;

/// <summary>
/// An agent's part of one distributed run: prepared when the order comes (clock offset, the suite rebuilt from the
/// order, the study cut to the agent's probe, the world up and calibrated), started at the coordinator's instant
/// converted to this clock, run by the same <see cref="StudyService"/> as a local run into the agent's own run
/// directory while every log text also goes to the run's stream, and ended with an <see cref="AgentDone"/> there.
/// </summary>
internal sealed class AgentRun
{
    /// <summary>How long preparing (world, calibration) may take before the agent refuses the order.</summary>
    public static readonly TimeSpan PrepareTimeout = TimeSpan.FromMinutes(3);

    /// <summary>How long a prepared agent waits for the start before it gives the run up.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long the agent keeps trying to get its last log texts and its end into the stream.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromMinutes(5);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DateTimeOffset> _start = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop;
    private readonly TimeProvider _time;
    private string? _stopReason;

    private AgentRun(RunOrder order, ClockOffset offset, TimeProvider time, CancellationToken agentStop)
    {
        Order = order;
        Offset = offset;
        _time = time;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(agentStop);
    }

    /// <summary>What the coordinator ordered.</summary>
    public RunOrder Order { get; }

    /// <summary>The coordinator's clock minus this one.</summary>
    public ClockOffset Offset { get; }

    /// <summary>The part's end, once published (or given up on); completes when the agent may take another run.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>"preparing", "ready" or "running", with the run id, for heartbeats.</summary>
    public string State => Completion.IsCompleted ? "idle"
        : _start.Task.IsCompleted ? $"running {Order.RunId}"
        : _ready.Task.IsCompleted ? $"ready {Order.RunId}"
        : $"preparing {Order.RunId}";

    /// <summary>
    /// Checks and prepares <paramref name="order"/>; returns the run, started and waiting for the coordinator's start,
    /// with a ready reply, or no run and the reply that says why not.
    /// </summary>
    public static async Task<(AgentRun? Run, RunOrderReply Reply)> PrepareAsync(RunOrder order, AgentIdentity identity, INatsConnection nats,
        string runsRoot, IRunObserver observer, TimeProvider time, CancellationToken agentStop)
    {
        RunOrderReply Refuse(IEnumerable<string> problems) => new(false, [.. problems], identity.Host, identity.Version, null, null);

        var problems = OrderProblems(order, identity);
        if (problems.Count > 0)
        {
            return (null, Refuse(problems));
        }

        var offset = await ClockProbe.MeasureAsync(nats, time, ClockProbe.DefaultSamples, TimeSpan.FromSeconds(2), agentStop).ConfigureAwait(false);
        if (offset is null)
        {
            return (null, Refuse(["the coordinator's clock did not answer (latency.clock): no offset, no common start"]));
        }

        StudyPreparation preparation;
        SuiteDefinition suite;
        var folder = Directory.CreateTempSubdirectory("latency-agent-suite-");
        try
        {
            suite = SuiteLoader.Load(order.Bundle.ExtractTo(folder.FullName));
            if (suite.Study is not { } study || study.Compare.FirstOrDefault(c => c.Probe == order.Probe) is not { } entry)
            {
                return (null, Refuse([$"the suite has no study comparing from probe '{order.Probe}'"]));
            }

            preparation = StudyPreparation.Prepare(suite, study with { Compare = [entry] },
                order.DurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        }
        catch (InputValidationException ex)
        {
            return (null, Refuse(ex.Errors.Select(e => e.ToString())));
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var run = new AgentRun(order, offset, time, agentStop);
        run.Completion = run.RunAsync(preparation, suite.Name, identity, nats, Path.Combine(runsRoot, $"{order.RunId}-{identity.Name}"), observer);
        var timeout = Task.Delay(PrepareTimeout, time, agentStop);
        var first = await Task.WhenAny(run._ready.Task, run.Completion, timeout).ConfigureAwait(false);
        if (first == run._ready.Task)
        {
            return (run, new RunOrderReply(true, [], identity.Host, identity.Version, offset.Offset.TotalMilliseconds, offset.Uncertainty.TotalMilliseconds));
        }

        run.Stop(first == timeout ? $"not prepared within {PrepareTimeout.TotalMinutes:0} min" : "refused");
        var refusal = first == run.Completion && run.Refusal is { } refused ? refused : [$"not prepared within {PrepareTimeout.TotalMinutes:0} min"];
        return (null, Refuse(refusal));
    }

    /// <summary>Why the study refused to start (a world conflict, a missing path); null when it did not.</summary>
    private IReadOnlyList<string>? Refusal { get; set; }

    /// <summary>The coordinator's start instant arrived (a repeat is ignored).</summary>
    public void Start(DateTimeOffset startUtc) => _start.TrySetResult(startUtc);

    /// <summary>Stops the run (before or during it); what was recorded is kept, and the end says <paramref name="reason"/>.</summary>
    public void Stop(string reason)
    {
        Interlocked.CompareExchange(ref _stopReason, reason, null);
        _stop.Cancel();
    }

    private static List<string> OrderProblems(RunOrder order, AgentIdentity identity)
    {
        var problems = new List<string>();
        if (order.Probe != identity.Probe || order.Agent != identity.Name)
        {
            problems.Add($"the order is for agent {order.Agent} of probe {order.Probe}, not for this one ({identity.Name} of {identity.Probe})");
        }

        if (DistributedSubjects.TokenProblem("run id", order.RunId) is { } runId)
        {
            problems.Add(runId);
        }

        if (order.ShareCount < 1 || order.ShareIndex < 0 || order.ShareIndex >= order.ShareCount)
        {
            problems.Add($"arrival share {order.ShareIndex} of {order.ShareCount} is not one");
        }

        if (order.DurationSeconds is <= 0 or > 7 * 24 * 3600)
        {
            problems.Add($"duration {order.DurationSeconds} s is not between 0 and a week");
        }

        problems.AddRange(order.Bundle?.Problems() ?? ["the order holds no suite"]);
        return problems;
    }

    private async Task RunAsync(StudyPreparation preparation, string suiteName, AgentIdentity identity, INatsConnection nats, string outDirectory,
        IRunObserver observer)
    {
        await Task.Yield();
        var js = nats.CreateJetStreamContext();
        var publisher = new LogTextPublisher(js, Order.RunId, identity.Name);
        AgentDone done;
        await using (var pump = new LogTextPump(identity.Name, (text, ct) => publisher.PublishAsync(text.Log, text.Sequence, text.Text, ct), _time))
        {
            RunOutcome? outcome = null;
            string? crash = null;
            try
            {
                outcome = await new StudyService(observer).RunAsync(preparation, outDirectory, new SuiteInfo { Name = suiteName, File = Order.Bundle.Suite },
                    _stop.Token, new StudyRunOptions
                    {
                        Share = ArrivalShare.Of(Order.ShareIndex, Order.ShareCount),
                        MirrorLog = pump.MirrorFor,
                        BeforeStart = WaitForStartAsync,
                        WriteReport = false,
                    }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The agent outlives its run: the coordinator hears how it ended, and the next run can come.
                crash = $"{ex.GetType().Name}: {ex.Message}";
            }

            if (outcome is { Problems.Count: > 0 } rejected)
            {
                Refusal = [.. rejected.Problems.Select(p => p.ToString())];
                return;
            }

            if (crash is not null && !_ready.Task.IsCompleted)
            {
                Refusal = [$"failed while preparing: {crash}"];
                return;
            }

            var sent = await pump.DrainAsync(FlushTimeout).ConfigureAwait(false);
            var status = crash is not null ? RunStatus.Failed : outcome?.Status ?? RunStatus.Failed;
            var reason = crash ?? (status == RunStatus.Complete ? null : _stopReason ?? outcome?.StatusReason);
            done = new AgentDone(identity.Name, identity.Probe, status, reason,
                await ReadIfThereAsync(Path.Combine(outDirectory, RunManifest.FileName)).ConfigureAwait(false),
                await ReadIfThereAsync(Path.Combine(outDirectory, CalibrationTable.FileName)).ConfigureAwait(false),
                sent ? 0 : pump.Pending);
        }

        await PublishDoneAsync(js, done, observer).ConfigureAwait(false);
    }

    // Awaited by the study once the world is up and calibrated: say so, then wait for the coordinator's instant.
    private async Task WaitForStartAsync(CancellationToken stop)
    {
        _ready.TrySetResult();
        try
        {
            var startUtc = await _start.Task.WaitAsync(StartTimeout, _time, stop).ConfigureAwait(false);
            var wait = Offset.ToAgent(startUtc) - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, stop).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            // The coordinator went away between the order and the start: nothing is run (the engine starts stopped).
            Stop($"no start from the coordinator within {StartTimeout.TotalMinutes:0} min of being ready");
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting: the engine starts stopped and the part ends at once, partial.
        }
    }

    private async Task PublishDoneAsync(INatsJSContext js, AgentDone done, IRunObserver observer)
    {
        var subject = RunStream.DoneSubject(Order.RunId, done.Agent);
        var deadline = _time.GetUtcNow() + FlushTimeout;
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var ack = await js.PublishAsync(subject, DistributedJson.Serialize(done),
                    opts: new NatsJSPubOpts { MsgId = RunStream.SingleMessageId("done/" + done.Agent) }).ConfigureAwait(false);
                if (!ack.Duplicate)
                {
                    ack.EnsureSuccess();
                }

                observer.Line($"run {Order.RunId}: {done.Status.ToString().ToLowerInvariant()}{(done.StatusReason is { } r ? $" ({r})" : "")}; results in the run's stream");
                return;
            }
            catch (Exception ex) when (ex is NatsException or NatsJSException or TimeoutException)
            {
                if (_time.GetUtcNow() > deadline)
                {
                    observer.Warning($"run {Order.RunId}: could not publish the end of this part ({ex.Message}); its run directory has everything");
                    return;
                }

                await Task.Delay(pause, _time).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static async Task<string?> ReadIfThereAsync(string path) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path).ConfigureAwait(false) : null;
}
