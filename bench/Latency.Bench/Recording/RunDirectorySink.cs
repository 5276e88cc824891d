using HdrHistogram;
using Latency.RunDirectory;

namespace Latency.Bench.Recording;

/// <summary>
/// Writes a run directory while the run goes on: one <c>.hlog</c> per scenario, appended and flushed every
/// interval, and a <c>run.json</c> written at the start with status <c>partial</c>, written again whenever a new log
/// starts (readers read only the logs run.json lists), and replaced at the end. A crash or a <c>kill -9</c> therefore
/// leaves a readable directory that loses at most the interval being written.
/// </summary>
public sealed class RunDirectorySink : IAsyncDisposable
{
    private readonly Dictionary<string, (IntervalLogWriter Writer, SortedSet<string> Tags)> _logs = new(StringComparer.Ordinal);
    private readonly RunManifest _started;
    private readonly object _gate = new();

    private RunDirectorySink(string directory, RunManifest started)
    {
        Directory = directory;
        _started = started;
    }

    public string Directory { get; }

    public static async Task<RunDirectorySink> CreateAsync(string directory, RunManifest initial, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        var sink = new RunDirectorySink(directory, initial);
        await RunManifestFile.WriteAsync(directory, initial, cancellationToken).ConfigureAwait(false);
        return sink;
    }

    /// <summary>Appends one interval's histograms (called by the engine's interval loop).</summary>
    public void Append(IReadOnlyList<(MetricKey Key, HistogramBase Interval)> intervals)
    {
        lock (_gate)
        {
            var newLog = false;
            foreach (var (key, interval) in intervals)
            {
                if (!_logs.TryGetValue(key.Scenario, out var log))
                {
                    var path = Path.Combine(Directory, key.Scenario + ".hlog");
                    log = (IntervalLogWriter.Create(path, _started.StartedUtc), new SortedSet<string>(StringComparer.Ordinal));
                    _logs[key.Scenario] = log;
                    newLog = true;
                }

                log.Writer.Append(interval);
                log.Tags.Add(key.Tag);
            }

            if (newLog)
            {
                // Listed now, not only at the end: a run killed midway must still name its logs, or its reader would
                // take them for strays. Once per interval at most, and only while scenarios start.
                RunManifestFile.WriteAsync(Directory, _started with { HistogramLogs = LogsLocked() }).GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>The logs written so far, for run.json.</summary>
    public IReadOnlyList<HistogramLogEntry> Logs()
    {
        lock (_gate)
        {
            return LogsLocked();
        }
    }

    private List<HistogramLogEntry> LogsLocked() =>
        _logs.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new HistogramLogEntry { File = l.Key + ".hlog", Tags = l.Value.Tags.ToList() })
            .ToList();

    public async Task CompleteAsync(RunManifest manifest, CancellationToken cancellationToken)
    {
        await RunManifestFile.WriteAsync(Directory, manifest with { HistogramLogs = Logs() }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        List<IntervalLogWriter> writers;
        lock (_gate)
        {
            writers = _logs.Values.Select(l => l.Writer).ToList();
            _logs.Clear();
        }

        foreach (var writer in writers)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
