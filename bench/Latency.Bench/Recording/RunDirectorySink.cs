using HdrHistogram;
using Latency.RunDirectory;

namespace Latency.Bench.Recording;

/// <summary>
/// Writes a run directory while the run goes on: one <c>.hlog</c> per scenario, appended and flushed every
/// interval, and a <c>run.json</c> written at the start with status <c>partial</c> and replaced at the end. A crash
/// or a <c>kill -9</c> therefore leaves a readable directory that loses at most the interval being written.
/// </summary>
public sealed class RunDirectorySink : IAsyncDisposable
{
    private readonly Dictionary<string, (IntervalLogWriter Writer, SortedSet<string> Tags)> _logs = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _startTime;
    private readonly object _gate = new();

    private RunDirectorySink(string directory, DateTimeOffset startTime)
    {
        Directory = directory;
        _startTime = startTime;
    }

    public string Directory { get; }

    public static async Task<RunDirectorySink> CreateAsync(string directory, RunManifest initial, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        var sink = new RunDirectorySink(directory, initial.StartedUtc);
        await RunManifestFile.WriteAsync(directory, initial, cancellationToken).ConfigureAwait(false);
        return sink;
    }

    /// <summary>Appends one interval's histograms (called by the engine's interval loop).</summary>
    public void Append(IReadOnlyList<(MetricKey Key, HistogramBase Interval)> intervals)
    {
        lock (_gate)
        {
            foreach (var (key, interval) in intervals)
            {
                if (!_logs.TryGetValue(key.Scenario, out var log))
                {
                    var path = Path.Combine(Directory, key.Scenario + ".hlog");
                    log = (IntervalLogWriter.Create(path, _startTime), new SortedSet<string>(StringComparer.Ordinal));
                    _logs[key.Scenario] = log;
                }

                log.Writer.Append(interval);
                log.Tags.Add(key.Tag);
            }
        }
    }

    /// <summary>The logs written so far, for run.json.</summary>
    public IReadOnlyList<HistogramLogEntry> Logs()
    {
        lock (_gate)
        {
            return _logs.OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => new HistogramLogEntry { File = l.Key + ".hlog", Tags = l.Value.Tags.ToList() })
                .ToList();
        }
    }

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
