using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Latency.Bench.Distributed;

/// <summary>An agent's side of a run's stream: publishes each log text and waits for the stream's acknowledgement.</summary>
/// <param name="js">The agent's JetStream context.</param>
/// <param name="runId">The run.</param>
/// <param name="agent">The agent's name.</param>
public sealed class LogTextPublisher(INatsJSContext js, string runId, string agent)
{
    private readonly string _subject = RunStream.LogSubject(runId, agent);

    /// <summary>
    /// Publishes one text. Returns false when the stream already had it (a repeat after a reconnect: dropped by its
    /// message id); throws when the stream did not take it.
    /// </summary>
    /// <param name="log">The log file's name.</param>
    /// <param name="sequence">The text's place in the log (0 = header).</param>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<bool> PublishAsync(string log, long sequence, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(text);
        var headers = new NatsHeaders
        {
            [RunStream.LogHeader] = log,
            [RunStream.SequenceHeader] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var ack = await js.PublishAsync(_subject, Encoding.ASCII.GetBytes(text), headers: headers,
            opts: new NatsJSPubOpts { MsgId = RunStream.MessageId(agent, log, sequence) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (ack.Duplicate)
        {
            return false;
        }

        ack.EnsureSuccess();
        return true;
    }
}
