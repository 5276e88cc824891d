using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Scenarios.Workloads;

namespace Latency.Bench.Study;

/// <summary>
/// Plays one workload session against one deployment, as a phone would: requests in order, parallel groups
/// together, think times waited, replayed sessions at their recorded offsets (measured from each request's intended
/// time). The session is recorded as step <c>&lt;label&gt;</c> and each request as <c>&lt;label&gt;.&lt;request&gt;</c>,
/// with its phases. The first failed request ends the session, which then counts as failed.
/// </summary>
public sealed class SessionRunner(WorkloadDefinition workload)
{
    private readonly Version _httpVersion = HttpClientSettings.ParseHttpVersion(workload.HttpVersion);

    public WorkloadDefinition Workload => workload;

    /// <param name="context">The iteration's context (recording, cancellation).</param>
    /// <param name="label">Step name of the session, usually the deployment.</param>
    /// <param name="targets">Role -&gt; target.</param>
    /// <param name="warm">Kept connections for <see cref="ConnectionMode.Warm"/> sessions.</param>
    public Task<Response> RunAsync(ScenarioContext context, string label, IReadOnlyDictionary<string, SessionTarget> targets, WarmClients warm) =>
        Step.Run(label, context, async () =>
        {
            var clients = new Dictionary<string, HandsetHttpClient>(StringComparer.Ordinal);
            var owned = new List<HandsetHttpClient>();
            try
            {
                foreach (var (role, target) in targets)
                {
                    if (workload.Connection == ConnectionMode.Warm)
                    {
                        clients[role] = await warm.GetAsync($"{target.Deployment}|{role}|{workload.HttpVersion}", target, _httpVersion, context.CancellationToken)
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

                return workload.Replay
                    ? await ReplayAsync(context, label, targets, clients).ConfigureAwait(false)
                    : await SequenceAsync(context, label, targets, clients).ConfigureAwait(false);
            }
            finally
            {
                foreach (var client in owned)
                {
                    client.Dispose();
                }
            }
        });

    private async Task<Response> SequenceAsync(ScenarioContext context, string label, IReadOnlyDictionary<string, SessionTarget> targets,
        Dictionary<string, HandsetHttpClient> clients)
    {
        var last = Response.Ok();
        foreach (var step in workload.Steps)
        {
            switch (step)
            {
                case WorkloadRequest request:
                    last = await SendAsync(context, label, request, targets, clients).ConfigureAwait(false);
                    break;
                case WorkloadParallel group:
                    var responses = await Task.WhenAll(group.Requests.Select(r => SendAsync(context, label, r, targets, clients))).ConfigureAwait(false);
                    last = responses.FirstOrDefault(r => r.IsError) ?? responses.LastOrDefault() ?? Response.Ok();
                    break;
                case WorkloadThink think:
                    await Task.Delay(think.Duration, context.CancellationToken).ConfigureAwait(false);
                    break;
            }

            if (last.IsError)
            {
                return last;
            }
        }

        return last;
    }

    private async Task<Response> ReplayAsync(ScenarioContext context, string label, IReadOnlyDictionary<string, SessionTarget> targets,
        Dictionary<string, HandsetHttpClient> clients)
    {
        // Each request at its recorded offset from the session's start, whether or not earlier ones have finished:
        // a slow answer must not push later requests back (the same rule as the engine's intended start times).
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var requests = workload.Requests.Select(async request =>
        {
            var due = TimeSpan.FromTicks(Math.Max(0, (request.Offset ?? TimeSpan.Zero).Ticks));
            var wait = due - System.Diagnostics.Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, context.CancellationToken).ConfigureAwait(false);
            }

            return await SendAsync(context, label, request, targets, clients).ConfigureAwait(false);
        });
        var responses = await Task.WhenAll(requests).ConfigureAwait(false);
        return responses.FirstOrDefault(r => r.IsError) ?? responses.LastOrDefault() ?? Response.Ok();
    }

    private static Task<Response> SendAsync(ScenarioContext context, string label, WorkloadRequest request,
        IReadOnlyDictionary<string, SessionTarget> targets, Dictionary<string, HandsetHttpClient> clients)
    {
        var target = targets[request.Role];
        var url = new Uri(target.BaseUrl.AbsoluteUri.TrimEnd('/') + request.EffectivePath());
        return Step.Run($"{label}.{request.Name}", context,
            () => clients[request.Role].SendAsync(new HttpMethod(request.Method), url, request.InstructionHeaders(), request.RequestBytes, TimeSpan.FromMinutes(5),
                context.CancellationToken));
    }
}
