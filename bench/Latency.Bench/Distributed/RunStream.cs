using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Latency.Bench.Distributed;

/// <summary>
/// A distributed run's JetStream stream: every interval-log text the agents write (each log's header, then its lines),
/// on file storage, acknowledged, and de-duplicated by message id, so that a coordinator that crashes or restarts, or
/// an agent that publishes a text again after a reconnect, neither loses nor counts anything twice.
/// </summary>
/// <remarks>
/// Why texts, not histograms: the agent's own run directory keeps its logs as files (nothing lost if NATS is down), and
/// streaming the very texts it writes (<see cref="Latency.RunDirectory.IntervalLogWriter"/>'s mirror) makes the
/// coordinator's copy byte for byte the agent's: the merge stays HdrHistogram's own addition, done once, by the reader.
/// </remarks>
public static class RunStream
{
    /// <summary>Header naming the log file a text belongs to.</summary>
    public const string LogHeader = "Latency-Log";

    /// <summary>Header with the text's place in its log (0 = the header, then each line).</summary>
    public const string SequenceHeader = "Latency-Sequence";

    /// <summary>
    /// How long JetStream remembers message ids to drop a repeat: long enough for an agent cut off mid-run to reconnect
    /// and publish again what it was not sure went out. The reader drops repeats beyond it too.
    /// </summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a run's stream is kept: a nightly job makes one a night, and without an age they would fill the server's
    /// store for ever. A week leaves time for <c>latency collect</c> after a coordinator that died on a Friday.
    /// </summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    /// <summary>The stream's name for run <paramref name="runId"/> (a subject token: <see cref="DistributedSubjects.TokenProblem"/>).</summary>
    public static string StreamName(string runId) => "LATENCY_RUN_" + runId;

    /// <summary>Every subject of run <paramref name="runId"/>.</summary>
    public static string Subjects(string runId) => $"{DistributedSubjects.Root}.runs.{runId}.>";

    /// <summary>Where agent <paramref name="agent"/> publishes its logs' texts for run <paramref name="runId"/>.</summary>
    public static string LogSubject(string runId, string agent) => $"{DistributedSubjects.Root}.runs.{runId}.logs.{agent}";

    /// <summary>Where the coordinator publishes the run's plan (<see cref="DistributedPlan"/>), once, before the start.</summary>
    public static string PlanSubject(string runId) => $"{DistributedSubjects.Root}.runs.{runId}.plan";

    /// <summary>Where agent <paramref name="agent"/> publishes how its part ended (<see cref="AgentDone"/>), after its last log text.</summary>
    public static string DoneSubject(string runId, string agent) => $"{DistributedSubjects.Root}.runs.{runId}.done.{agent}";

    /// <summary>The message id of the plan and of an agent's end: one each per run.</summary>
    public static string SingleMessageId(string what) => what;

    /// <summary>The message id of a text: one per agent, log and place, so a repeat is recognised.</summary>
    public static string MessageId(string agent, string log, long sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{agent}/{log}/{sequence}");

    /// <summary>Creates the run's stream, or finds it when it exists (a restarted coordinator).</summary>
    /// <param name="js">A JetStream context.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops waiting for the server.</param>
    public static async Task CreateAsync(INatsJSContext js, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(js);
        if (DistributedSubjects.TokenProblem("run id", runId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(runId));
        }

        await js.CreateOrUpdateStreamAsync(new StreamConfig(StreamName(runId), [Subjects(runId)])
        {
            Storage = StreamConfigStorage.File,
            DuplicateWindow = DuplicateWindow,
            MaxAge = KeptFor,
        }, cancellationToken).ConfigureAwait(false);
    }
}
