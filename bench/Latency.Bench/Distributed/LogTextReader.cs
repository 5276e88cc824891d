using System.Globalization;
using System.Text;
using NATS.Client.JetStream;

namespace Latency.Bench.Distributed;

/// <summary>The coordinator's (or <c>latency collect</c>'s) side of a run's stream: everything in it, once each.</summary>
public static class LogTextReader
{
    /// <summary>
    /// Reads the run's stream from its first message to the last one it holds now: each agent's log texts in their
    /// order, a text that was published twice (beyond the stream's duplicate window) kept once; the plan; each agent's end.
    /// </summary>
    /// <param name="js">A JetStream context.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<RunStreamContents> ReadAsync(INatsJSContext js, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(js);
        var stream = await js.GetStreamAsync(RunStream.StreamName(runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        var last = stream.Info.State.LastSeq;
        var texts = new Dictionary<(string Agent, string Log, long Sequence), LogText>();
        var done = new Dictionary<string, AgentDone>(StringComparer.Ordinal);
        DistributedPlan? plan = null;
        if (stream.Info.State.Messages == 0)
        {
            return new RunStreamContents(null, [], done);
        }

        var planSubject = RunStream.PlanSubject(runId);
        var donePrefix = RunStream.DoneSubject(runId, "");
        var consumer = await js.CreateOrderedConsumerAsync(RunStream.StreamName(runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var agent = message.Subject[(message.Subject.LastIndexOf('.') + 1)..];
            if (message.Subject == planSubject)
            {
                plan ??= DistributedJson.Deserialize<DistributedPlan>(message.Data ?? []);
            }
            else if (message.Subject.StartsWith(donePrefix, StringComparison.Ordinal))
            {
                // The subject names the agent: an end that claims another is not taken.
                if (DistributedJson.Deserialize<AgentDone>(message.Data ?? []) is { } end && end.Agent == agent)
                {
                    done.TryAdd(agent, end);
                }
            }
            else if (message.Headers is { } headers && headers.TryGetValue(RunStream.LogHeader, out var log) &&
                     headers.TryGetValue(RunStream.SequenceHeader, out var sequenceText) &&
                     long.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                texts.TryAdd((agent, log.ToString(), sequence), new LogText(agent, log.ToString(), sequence, Encoding.ASCII.GetString(message.Data ?? [])));
            }

            if (message.Metadata is { } metadata && metadata.Sequence.Stream >= last)
            {
                break;
            }
        }

        return new RunStreamContents(plan,
            [.. texts.Values.OrderBy(t => t.Agent, StringComparer.Ordinal).ThenBy(t => t.Log, StringComparer.Ordinal).ThenBy(t => t.Sequence)], done);
    }

    /// <summary>The log texts of the run's stream (<see cref="ReadAsync"/>'s).</summary>
    /// <param name="js">A JetStream context.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<IReadOnlyList<LogText>> ReadAllAsync(INatsJSContext js, string runId, CancellationToken cancellationToken) =>
        (await ReadAsync(js, runId, cancellationToken).ConfigureAwait(false)).Texts;

    /// <summary>
    /// Writes each log of <paramref name="texts"/> into <paramref name="directory"/> as the agent wrote it; returns the
    /// files written. A log name that several agents wrote (agents sharing a probe's arrivals) becomes one file per
    /// agent, <c>NAME.AGENT.hlog</c>: readers add the same tag over every log, so the merge stays HdrHistogram's. A log
    /// whose sequence has a gap (a text that never reached the stream) is written up to the gap and named in
    /// <paramref name="problems"/>.
    /// </summary>
    /// <param name="texts">The texts, as <see cref="ReadAsync"/> returns them.</param>
    /// <param name="directory">Where the logs go (created if needed).</param>
    /// <param name="problems">Where gaps are told.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    public static async Task<IReadOnlyList<string>> WriteLogsAsync(IReadOnlyList<LogText> texts, string directory, ICollection<string> problems,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(problems);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var log in texts.GroupBy(t => t.Log, StringComparer.Ordinal))
        {
            // The name comes off the wire: only a plain .hlog file name may become a file, never a path.
            if (Path.GetFileName(log.Key) != log.Key || !log.Key.EndsWith(".hlog", StringComparison.Ordinal) ||
                DistributedSubjects.TokenProblem("log", log.Key.Replace(".", "_", StringComparison.Ordinal)) is not null)
            {
                problems.Add($"'{log.Key}': not a log file name (letters, digits, '-', '_', '.', ending in .hlog); not written");
                continue;
            }

            var agents = log.GroupBy(t => t.Agent, StringComparer.Ordinal).ToList();
            foreach (var agent in agents)
            {
                // Agent names are subject tokens (letters, digits, '-', '_'): the name stays a plain file name.
                var file = agents.Count == 1 ? log.Key : $"{log.Key[..^".hlog".Length]}.{agent.Key}.hlog";
                var contiguous = agent.OrderBy(t => t.Sequence).Select((t, i) => (t, i)).TakeWhile(x => x.t.Sequence == x.i).Select(x => x.t).ToList();
                if (contiguous.Count < agent.Count() || contiguous.Count == 0)
                {
                    problems.Add($"{file}: text {contiguous.Count} never reached the stream; written up to it");
                }

                var path = Path.Combine(directory, file);
                await File.WriteAllTextAsync(path, string.Concat(contiguous.Select(t => t.Text)), Encoding.ASCII, cancellationToken).ConfigureAwait(false);
                written.Add(path);
            }
        }

        return written;
    }
}
