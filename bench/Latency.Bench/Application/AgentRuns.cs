using Latency.Bench.Distributed;
using NATS.Client.Core;

namespace Latency.Bench.Application;

/// <summary>
/// The agent's handling of its two subjects: an order starts preparing a run (one at a time; another order while one
/// is under way is refused), a control message starts or stops it. Replies go back on each request's inbox.
/// </summary>
internal sealed class AgentRuns(AgentIdentity identity, INatsConnection nats, string runsRoot, TextWriter log, IRunObserver observer,
    TimeProvider time, CancellationToken agentStop)
{
    private AgentRun? _current;

    /// <summary>What the heartbeat says: idle, or the current run's state.</summary>
    public string State() => Volatile.Read(ref _current)?.State ?? "idle";

    /// <summary>Handles an order (on the order subject's loop: one at a time).</summary>
    public async ValueTask OrderAsync(NatsMsg<byte[]> message)
    {
        var order = message.Data is { } data ? DistributedJson.Deserialize<RunOrder>(data) : null;
        RunOrderReply reply;
        if (order is null)
        {
            reply = new RunOrderReply(false, ["not a run order"], identity.Host, identity.Version, null, null);
        }
        else if (Volatile.Read(ref _current) is { Completion.IsCompleted: false } busy)
        {
            reply = new RunOrderReply(false, [$"busy with run {busy.Order.RunId}"], identity.Host, identity.Version, null, null);
        }
        else
        {
            await log.WriteLineAsync($"latency agent: run {order.RunId} from {order.Coordinator}: preparing (clock, world, calibration)").ConfigureAwait(false);
            var (run, answer) = await AgentRun.PrepareAsync(order, identity, nats, runsRoot, observer, time, agentStop).ConfigureAwait(false);
            Volatile.Write(ref _current, run);
            reply = answer;
            await log.WriteLineAsync(answer.Ready
                ? $"latency agent: run {order.RunId}: ready (clock offset {answer.ClockOffsetMs:0.###} ms +/- {answer.ClockUncertaintyMs:0.###} ms); waiting for the start"
                : $"latency agent: run {order.RunId} refused: {string.Join("; ", answer.Problems)}").ConfigureAwait(false);
        }

        await ReplyAsync(message, reply).ConfigureAwait(false);
    }

    /// <summary>Handles a start or stop for the current run; one for another run is answered with a refusal.</summary>
    public async ValueTask ControlAsync(NatsMsg<byte[]> message)
    {
        var control = message.Data is { } data ? DistributedJson.Deserialize<RunControl>(data) : null;
        var run = Volatile.Read(ref _current);
        string answer;
        if (control is null || run is null || run.Order.RunId != control.RunId || run.Completion.IsCompleted)
        {
            answer = $"no run {control?.RunId} under way here";
        }
        else if (control.StopReason is { } reason)
        {
            run.Stop($"stopped by the coordinator: {reason}");
            answer = "stopping";
            await log.WriteLineAsync($"latency agent: run {control.RunId}: stopping ({reason})").ConfigureAwait(false);
        }
        else if (control.StartUtc is { } start)
        {
            run.Start(start);
            answer = "starting";
            await log.WriteLineAsync($"latency agent: run {control.RunId}: starting at {start:HH:mm:ss.fff} coordinator time").ConfigureAwait(false);
        }
        else
        {
            answer = "neither a start nor a stop";
        }

        await ReplyAsync(message, answer).ConfigureAwait(false);
    }

    /// <summary>Stops the run under way, if any, and waits for its end to be published.</summary>
    public async Task StopAsync(string reason)
    {
        if (Volatile.Read(ref _current) is { } run && !run.Completion.IsCompleted)
        {
            run.Stop(reason);
            await run.Completion.ConfigureAwait(false);
        }
    }

    private static async ValueTask ReplyAsync<T>(NatsMsg<byte[]> message, T reply)
    {
        if (message.ReplyTo is null)
        {
            return;
        }

        try
        {
            await message.ReplyAsync(DistributedJson.Serialize(reply)).ConfigureAwait(false);
        }
        catch (NatsException)
        {
            // The coordinator asks again, or gives the run up: nothing to do here.
        }
    }
}
