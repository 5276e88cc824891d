using HdrHistogram;
using Latency.RunDirectory;

namespace Latency.Bench.Recording;

/// <summary>
/// Writes a run directory while the run goes on: one <c>.hlog</c> per scenario, appended and flushed every
/// interval, and a <c>run.json</c> written at the start with status <c>partial</c>, written again whenever a new log
/// starts (readers read only the logs run.json lists), and replaced at the end. A crash or a <c>kill -9</c> therefore
/// leaves a readable directory that loses at most the interval being written.
/// </summary>
/// <remarks>
/// A full disk (or any write failure) must not be lost in the noise: the first failed append is kept
/// (<see cref="Failure"/>), fires <see cref="Failed"/> so the run stops at once instead of generating load that is
/// no longer recorded, and later appends are dropped. So that run.json can still say why on a disk with no space
/// left, the sink holds a reserve file from the start and gives it up just before writing the final run.json.
/// </remarks>
public sealed class RunDirectorySink : IAsyncDisposable
{
    /// <summary>The reserve's name: hidden, and not an <c>.hlog</c>, so no reader takes it for data.</summary>
    public const string ReserveFileName = ".latency-reserve";

    /// <summary>The reserve is at least this big; more when run.json is bigger (see <see cref="CreateAsync"/>).</summary>
    private const int MinimumReserveBytes = 64 * 1024;

    private readonly Dictionary<string, (IntervalLogWriter Writer, SortedSet<string> Tags)> _logs = new(StringComparer.Ordinal);
    private readonly RunManifest _started;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _failed = new();
    private readonly Func<string, Action<string>?>? _mirror;
    private Exception? _failure;

    private RunDirectorySink(string directory, RunManifest started, Func<string, Action<string>?>? mirror)
    {
        Directory = directory;
        _started = started;
        _mirror = mirror;
    }

    /// <summary>The run directory.</summary>
    public string Directory { get; }

    /// <summary>Fires when a write failed: the run should stop, nothing more will be recorded.</summary>
    public CancellationToken Failed => _failed.Token;

    /// <summary>The first write failure (e.g. "No space left on device"), or null.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>
    /// Creates the directory, writes the initial run.json and the reserve (four times the initial run.json, at least
    /// 64 KiB: room for a failed run.json, which is the initial one with a reason and the list of logs).
    /// </summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="initial">The run.json of a run that has started.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <param name="mirror">Given a log's file name, what also receives every text written to it (a distributed agent's
    /// stream, <see cref="IntervalLogWriter.Create"/>), or null for none.</param>
    /// <exception cref="IOException">The directory has no room even for run.json and the reserve: the run cannot start.</exception>
    public static async Task<RunDirectorySink> CreateAsync(string directory, RunManifest initial, CancellationToken cancellationToken,
        Func<string, Action<string>?>? mirror = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        var sink = new RunDirectorySink(directory, initial, mirror);
        await RunManifestFile.WriteAsync(directory, initial, cancellationToken).ConfigureAwait(false);
        var manifestBytes = new FileInfo(Path.Combine(directory, RunManifest.FileName)).Length;
        var reserve = Path.Combine(directory, ReserveFileName);
        try
        {
            await using var stream = new FileStream(reserve, FileMode.Create, FileAccess.Write, FileShare.None);
            // Written, not only sized: a sparse file would reserve nothing on most file systems.
            var block = new byte[64 * 1024];
            for (var left = Math.Max(MinimumReserveBytes, 4 * manifestBytes); left > 0; left -= block.Length)
            {
                await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)), cancellationToken).ConfigureAwait(false);
            }

            stream.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            File.Delete(reserve);
            throw new IOException($"{directory}: not enough free space to start a run ({ex.Message})", ex);
        }

        return sink;
    }

    /// <summary>
    /// Appends one interval's histograms (called by the engine's interval loop). Never throws: a failed write is kept
    /// in <see cref="Failure"/> and fires <see cref="Failed"/>, because an exception here would end the engine's
    /// interval loop and leave the run generating load that nobody records.
    /// </summary>
    /// <param name="intervals">The interval's histograms by metric.</param>
    public void Append(IReadOnlyList<(MetricKey Key, HistogramBase Interval)> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        lock (_gate)
        {
            if (_failure is not null)
            {
                return;
            }

            try
            {
                var newLog = false;
                foreach (var (key, interval) in intervals)
                {
                    if (!_logs.TryGetValue(key.Scenario, out var log))
                    {
                        var file = key.Scenario + ".hlog";
                        log = (IntervalLogWriter.Create(Path.Combine(Directory, file), _started.StartedUtc, mirror: _mirror?.Invoke(file)),
                            new SortedSet<string>(StringComparer.Ordinal));
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
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _failure = ex;
            }
        }

        if (Failure is not null)
        {
            _failed.Cancel();
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

    /// <summary>
    /// Writes the final run.json (the logs filled in). The reserve is given up first; when the full manifest still does
    /// not fit, <paramref name="fallback"/> (smaller: no per-scenario results) is written instead, so run.json says how
    /// the run ended whatever space is left.
    /// </summary>
    /// <param name="manifest">The run's final manifest.</param>
    /// <param name="fallback">A smaller manifest saying the same status and reason.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <returns>True when the full manifest was written, false when the fallback was.</returns>
    public async Task<bool> CompleteAsync(RunManifest manifest, RunManifest fallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(fallback);
        ReleaseReserve();
        try
        {
            await RunManifestFile.WriteAsync(Directory, manifest with { HistogramLogs = Logs() }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            await RunManifestFile.WriteAsync(Directory, fallback with { HistogramLogs = Logs() }, cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    /// <inheritdoc/>
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
            try
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Its last flush failed on a full disk: what is on disk stays readable (a cut last line is skipped).
            }
        }

        ReleaseReserve();
        _failed.Dispose();
    }

    private void ReleaseReserve()
    {
        var reserve = Path.Combine(Directory, ReserveFileName);
        if (File.Exists(reserve))
        {
            File.Delete(reserve);
        }
    }
}
