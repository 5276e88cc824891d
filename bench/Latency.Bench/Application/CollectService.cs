using Latency.Bench.Distributed;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Net;

namespace Latency.Bench.Application;

/// <summary>
/// <c>latency collect</c>'s use case: rebuild a distributed run's directory from its stream, without its coordinator
/// (which crashed, was killed, or ran elsewhere). What the agents recorded is all in the stream; the run is partial
/// when an agent's end is missing (the coordinator's view of who was lost went with it).
/// </summary>
public static class CollectService
{
    /// <summary>Collects run <paramref name="runId"/> from <paramref name="nats"/> into <paramref name="outDirectory"/>.</summary>
    /// <param name="nats">The server holding the run's stream.</param>
    /// <param name="runId">The run (as the coordinator printed it; run.json's <c>distributed.run_id</c>).</param>
    /// <param name="outDirectory">The run directory to write: new or empty (checked by the caller).</param>
    /// <param name="observer">Hears what was found missing.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    public static async Task<RunOutcome> CollectAsync(NatsEndpoint nats, string runId, string outDirectory, IRunObserver observer,
        CancellationToken cancellationToken)
    {
        await using var connection = new NatsConnection(nats.Options("latency-collect") with { MaxReconnectRetry = 0 });
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
        }
        catch (NatsException ex)
        {
            return new RunOutcome { Status = RunStatus.Failed, StatusReason = $"cannot connect to {nats.Url}: {ex.Message}" };
        }

        var js = connection.CreateJetStreamContext();
        try
        {
            return await RunCollector.CollectAsync(js, runId, outDirectory, new Dictionary<string, string>(), observer, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return RunOutcome.Rejected([new ValidationError(null,
                $"RUN_ID: no stream {RunStream.StreamName(runId)} on {nats.Url} (a wrong id, another server, or a stream deleted)")]);
        }
        catch (InvalidOperationException ex)
        {
            return new RunOutcome { Status = RunStatus.Failed, StatusReason = ex.Message };
        }
    }
}
