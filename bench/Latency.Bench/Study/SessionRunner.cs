using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Scenarios.Workloads;
using Latency.Timing;

namespace Latency.Bench.Study;

/// <summary>
/// Plays one workload session against one deployment, as a phone would: requests in order, parallel groups
/// together, think times waited, replayed sessions at their recorded offsets. Every timed wait (think times, replay
/// offsets) goes through the <see cref="PreciseScheduler"/> (a replay on the one <see cref="PacedLoop"/>), and a
/// request that was meant to start at a given
/// time (after a think, at its offset) is measured from that time with its lateness recorded, as is the session from
/// its intended start. The session is recorded as step <c>&lt;label&gt;</c>, its time split along its critical path
/// (<see cref="CriticalPath"/>), and each request as <c>&lt;label&gt;.&lt;request&gt;</c>, with its phases. The first
/// failed request ends the session, which then counts as failed.
/// </summary>
public sealed class SessionRunner(WorkloadDefinition workload)
{
    private readonly Version _httpVersion = HttpClientSettings.ParseHttpVersion(workload.HttpVersion);
    private readonly ReplaySchedule? _schedule = workload.Replay ? ReplaySchedule.From(workload) : null;

    public WorkloadDefinition Workload => workload;

    /// <param name="context">The iteration's context (recording, cancellation).</param>
    /// <param name="label">Step name of the session, usually the deployment.</param>
    /// <param name="targets">Role -&gt; target.</param>
    /// <param name="warm">Kept connections for <see cref="ConnectionMode.Warm"/> sessions.</param>
    /// <param name="intendedStart">When the session was meant to start (a clock timestamp, e.g. its arrival); it is
    /// measured from then and a replay's offsets count from then. Null: now.</param>
    /// <param name="radioMicros">Reads the session's handset's radio wait so far (<see cref="RadioMeter"/>), in
    /// microseconds; its growth over the session becomes the session's radio part. Null: no radio.</param>
    public Task<Response> RunAsync(ScenarioContext context, string label, IReadOnlyDictionary<string, SessionTarget> targets, WarmClients warm,
        long? intendedStart = null, Func<long>? radioMicros = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = intendedStart ?? context.Clock.Now;
        return Step.Run(label, context, start, async () =>
        {
            var clients = new Dictionary<string, HandsetHttpClient>(StringComparer.Ordinal);
            var owned = new List<HandsetHttpClient>();
            try
            {
                foreach (var (role, target) in targets)
                {
                    if (workload.Connection == ConnectionMode.Warm)
                    {
                        // Per handset too: a heartbeat goes over the connection its own phone opened earlier, and
                        // that phone's radio has been quiet since its last session (the pool's choice).
                        clients[role] = await warm.GetAsync(WarmKey(target, role), target, _httpVersion, context.CancellationToken)
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        // A client per session: its first request opens a new connection. "new" forbids TLS resumption
                        // (a full handshake), "resumed" allows it (.NET keeps TLS sessions per process and host).
                        var client = new HandsetHttpClient(target.Settings with
                        {
                            HttpVersion = _httpVersion,
                            AllowTlsResume = workload.Connection == ConnectionMode.Resumed,
                        });
                        owned.Add(client);
                        clients[role] = client;
                    }
                }

                var radioBefore = radioMicros?.Invoke() ?? 0;
                var response = _schedule is not null
                    ? await ReplayAsync(context, label, start, _schedule, targets, clients).ConfigureAwait(false)
                    : await SequenceAsync(context, label, start, targets, clients).ConfigureAwait(false);
                // Every packet of the session has passed the emulator by now, so the ledger holds all its radio waits.
                return radioMicros is not null && response.CriticalPath is { } path
                    ? response.WithCriticalPath(path.WithRadio(radioMicros() - radioBefore))
                    : response;
            }
            finally
            {
                foreach (var client in owned)
                {
                    client.Dispose();
                }
            }
        });
    }

    /// <summary>
    /// Opens the warm connections a <c>warm</c> session on <paramref name="targets"/> will use, if they are not open
    /// yet, each with an unmeasured request; true when one had to be opened. Called before the session's clock starts:
    /// a phone's push connection was open long before, so opening it is the harness's work, not the session's.
    /// </summary>
    /// <param name="targets">Role -&gt; target, as the session will get them.</param>
    /// <param name="warm">Kept connections.</param>
    /// <param name="cancellationToken">Stops opening.</param>
    public async Task<bool> OpenWarmAsync(IReadOnlyDictionary<string, SessionTarget> targets, WarmClients warm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(warm);
        if (workload.Connection != ConnectionMode.Warm)
        {
            return false;
        }

        var opened = false;
        foreach (var (role, target) in targets)
        {
            var key = WarmKey(target, role);
            opened |= !warm.Contains(key);
            await warm.GetAsync(key, target, _httpVersion, cancellationToken).ConfigureAwait(false);
        }

        return opened;
    }

    /// <summary>The <see cref="WarmClients"/> key of a warm session's client for <paramref name="role"/>.</summary>
    /// <param name="target">Where the role goes, and from which handset.</param>
    /// <param name="role">The workload's role.</param>
    public string WarmKey(SessionTarget target, string role)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{target.Deployment}|{role}|{workload.HttpVersion}|{target.Handset}";
    }

    private async Task<Response> SequenceAsync(ScenarioContext context, string label, long sessionStart,
        IReadOnlyDictionary<string, SessionTarget> targets, Dictionary<string, HandsetHttpClient> clients)
    {
        var last = Response.Ok();
        var path = CriticalPathTimes.Zero;
        long? thinkEnded = null;
        foreach (var step in workload.Steps)
        {
            switch (step)
            {
                case WorkloadRequest request:
                    var (response, played) = await SendAsync(context, label, sessionStart, request, targets, clients, thinkEnded).ConfigureAwait(false);
                    last = response;
                    path += CriticalPath.Request(played);
                    thinkEnded = null;
                    break;
                case WorkloadParallel group:
                    var due = thinkEnded;
                    var answered = await Task.WhenAll(group.Requests.Select(r => SendAsync(context, label, sessionStart, r, targets, clients, due)))
                        .ConfigureAwait(false);
                    last = Outcome(answered);
                    path += CriticalPath.Parallel(answered.Select(a => a.Played).ToList());
                    thinkEnded = null;
                    break;
                case WorkloadThink think:
                    // From the end of the step before: the next request is due then, and measured from then.
                    var ends = context.Clock.Now + context.Clock.FromTimeSpan(think.Duration);
                    if (!await DueWait.Scheduled(context.Clock.TimeProvider).UntilAsync(ends, context.CancellationToken).ConfigureAwait(false))
                    {
                        context.CancellationToken.ThrowIfCancellationRequested();
                    }

                    path += CriticalPath.Think((long)think.Duration.TotalMicroseconds);
                    thinkEnded = ends;
                    break;
            }

            if (last.IsError)
            {
                return last;
            }
        }

        return last.WithCriticalPath(path);
    }

    private static async Task<Response> ReplayAsync(ScenarioContext context, string label, long sessionStart, ReplaySchedule schedule,
        IReadOnlyDictionary<string, SessionTarget> targets, Dictionary<string, HandsetHttpClient> clients)
    {
        // Each request at its recorded offset from the session's intended start, whether or not earlier ones have
        // finished: a slow answer must not push later requests back (the engine's rule for intended start times).
        // After each wait the request is sent from the scheduler's thread, before the next wait is queued.
        var inFlight = new List<Task<(Response Response, PlayedRequest Played)>>(schedule.Items.Count);
        await PacedLoop.RunAsync(DueWait.Scheduled(context.Clock.TimeProvider), sessionStart, schedule.DueTime,
            hit => inFlight.Add(SendAsync(context, label, sessionStart, schedule.Items[(int)hit.Index].Request, targets, clients, hit.DueTimestamp)),
            PacedLoopOptions.None, context.CancellationToken).ConfigureAwait(false);
        context.CancellationToken.ThrowIfCancellationRequested();

        var answered = await Task.WhenAll(inFlight).ConfigureAwait(false);
        var outcome = Outcome(answered);
        return outcome.IsError ? outcome : outcome.WithCriticalPath(CriticalPath.Replay(answered.Select(a => a.Played).ToList()));
    }

    // Requests sent together: the first failure, else the last response.
    private static Response Outcome(IReadOnlyList<(Response Response, PlayedRequest Played)> answered) =>
        answered.Select(a => a.Response).FirstOrDefault(r => r.IsError) ?? answered.Select(a => a.Response).LastOrDefault() ?? Response.Ok();

    // intendedStart: when the request was due (after a think, at its replay offset), or null: now. The request's send
    // and end are taken inside the recorded step, for the session's critical path.
    private static async Task<(Response Response, PlayedRequest Played)> SendAsync(ScenarioContext context, string label, long sessionStart,
        WorkloadRequest request, IReadOnlyDictionary<string, SessionTarget> targets, Dictionary<string, HandsetHttpClient> clients, long? intendedStart)
    {
        var clock = context.Clock;
        var target = targets[request.Role];
        var url = new Uri(target.BaseUrl.AbsoluteUri.TrimEnd('/') + request.EffectivePath());
        long sentAt = 0;
        long endedAt = 0;
        async Task<Response> Send()
        {
            sentAt = clock.Now;
            try
            {
                return await clients[request.Role].SendAsync(new HttpMethod(request.Method), url, request.InstructionHeaders(),
                    request.RequestBytes, TimeSpan.FromMinutes(5), context.CancellationToken).ConfigureAwait(false);
            }
            finally
            {
                endedAt = clock.Now;
            }
        }

        var name = $"{label}.{request.Name}";
        var response = await (intendedStart is { } due ? Step.Run(name, context, due, Send) : Step.Run(name, context, Send)).ConfigureAwait(false);
        target.Flow?.Count(response);
        long Us(long at) => clock.ToMicroseconds(at - sessionStart);
        return (response, new PlayedRequest(Us(intendedStart ?? sentAt), Us(sentAt), Us(endedAt), response.Phases));
    }
}
