using HdrHistogram;

namespace Latency.RunDirectory;

/// <summary>
/// Reads a whole run directory: run.json and the interval logs it lists (every *.hlog when run.json cannot be read),
/// merged per tag. Reports read runs only through this (reports never touch the engine: docs/ARCHITECTURE.md, "Layers").
/// </summary>
public static class RunDirectoryReader
{
    /// <summary>Lowest value of the merged totals: 1 us.</summary>
    public const long LowestTrackableValueUs = 1;

    /// <summary>Highest value of the merged totals: 1 h in microseconds, as the engine's recorders.</summary>
    public const long HighestTrackableValueUs = 3_600_000_000;

    /// <summary>Significant digits of the merged totals, as the engine's recorders.</summary>
    public const int SignificantDigits = 3;

    private const string LogPattern = "*.hlog";

    /// <summary>
    /// Reads <paramref name="directory"/>. Never throws for missing or corrupt files: every problem is listed in
    /// <see cref="RunData.Problems"/> and everything readable is returned.
    /// </summary>
    public static Task<RunData> ReadAsync(string directory, CancellationToken cancellationToken = default) =>
        ReadAsync(directory, keepIntervals: null, cancellationToken);

    /// <summary>
    /// Reads a run directory. Totals are merged while the logs are read (two logs at a time), and only the interval
    /// series <paramref name="keepIntervals"/> asks for are kept: a 100-million-request run holds ~100,000 interval
    /// histograms, and keeping every one cost gigabytes and most of the time of a report.
    /// </summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="keepIntervals">Which tags' interval series to keep in <see cref="RunData.Intervals"/>; null keeps all.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<RunData> ReadAsync(string directory, Func<HistogramTag, bool>? keepIntervals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var problems = new List<RunDirectoryProblem>();
        if (!Directory.Exists(directory))
        {
            problems.Add(new RunDirectoryProblem(directory, null, ProblemSeverity.Error, "run directory not found"));
            return new RunData { Directory = directory, Problems = problems };
        }

        RunManifest? manifest = null;
        try
        {
            manifest = await RunManifestFile.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        catch (RunDirectoryFormatException e)
        {
            problems.Add(new RunDirectoryProblem(e.FilePath, null, ProblemSeverity.Error, e.Problem));
        }

        var logs = ListLogs(directory, manifest, problems);
        var gate = new object();
        var intervals = new Dictionary<HistogramTag, List<IntervalHistogram>>();
        var totals = new Dictionary<HistogramTag, HistogramBase>();
        await Parallel.ForEachAsync(logs, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (entry, token) =>
        {
            var (path, listedTags) = entry;
            var log = await IntervalLogReader.ReadAsync(path, token).ConfigureAwait(false);
            var logProblems = new List<RunDirectoryProblem>(log.Problems);
            var tagsFound = new HashSet<string>(StringComparer.Ordinal);
            // One log holds whole scenarios, so its tags are its own: merge outside the lock, publish under it.
            var logTotals = new Dictionary<HistogramTag, HistogramBase>();
            var logIntervals = new Dictionary<HistogramTag, List<IntervalHistogram>>();
            foreach (var histogram in log.Histograms)
            {
                if (!HistogramTag.TryParse(histogram.Tag, out var tag))
                {
                    logProblems.Add(new RunDirectoryProblem(path, null, ProblemSeverity.Warning,
                        $"histogram with tag '{histogram.Tag ?? "(none)"}' ignored: not <scenario>/<step>/<kind>"));
                    continue;
                }

                tagsFound.Add(tag.Format());
                if (!logTotals.TryGetValue(tag, out var total))
                {
                    logTotals[tag] = total = Merge(tag, [], path, logProblems);
                }

                MergeInto(total, tag, histogram, path, logProblems);
                if (keepIntervals is null || keepIntervals(tag))
                {
                    if (!logIntervals.TryGetValue(tag, out var series))
                    {
                        logIntervals[tag] = series = [];
                    }

                    series.Add(histogram);
                }
            }

            foreach (var missing in listedTags.Where(t => !tagsFound.Contains(t)))
            {
                logProblems.Add(new RunDirectoryProblem(path, null, ProblemSeverity.Warning,
                    $"tag '{missing}' is listed in {RunManifest.FileName} but has no histogram in the file"));
            }

            lock (gate)
            {
                problems.AddRange(logProblems);
                foreach (var (tag, total) in logTotals)
                {
                    if (totals.TryGetValue(tag, out var existing))
                    {
                        // The same tag in two logs (not written so by the engine, but allowed): add them up.
                        MergeTotals(existing, total);
                    }
                    else
                    {
                        totals[tag] = total;
                    }
                }

                foreach (var (tag, series) in logIntervals)
                {
                    if (!intervals.TryGetValue(tag, out var all))
                    {
                        intervals[tag] = all = [];
                    }

                    all.AddRange(series);
                }
            }
        }).ConfigureAwait(false);

        // Problems in a stable order whatever order the logs finished in.
        problems.Sort((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        return new RunData
        {
            Directory = directory,
            Manifest = manifest,
            Totals = totals,
            Intervals = intervals.ToDictionary(p => p.Key, p => (IReadOnlyList<IntervalHistogram>)p.Value.OrderBy(h => h.StartTimeStamp).ToList()),
            Problems = problems,
        };
    }

    /// <summary>
    /// One histogram of <paramref name="tag"/> from its intervals (values in microseconds), for reports that draw a
    /// part of a run; an interval that cannot be added becomes a problem, not an exception.
    /// </summary>
    /// <param name="tag">The intervals' tag.</param>
    /// <param name="intervals">The intervals to add up.</param>
    /// <param name="where">The file or part named in problems.</param>
    /// <param name="problems">Where problems are added.</param>
    public static HistogramBase Merge(HistogramTag tag, IReadOnlyList<IntervalHistogram> intervals, string where, List<RunDirectoryProblem> problems)
    {
        var total = new LongHistogram(LowestTrackableValueUs, HighestTrackableValueUs, SignificantDigits)
        {
            Tag = tag.Format(),
            StartTimeStamp = long.MaxValue,
            EndTimeStamp = long.MinValue,
        };
        foreach (var interval in intervals)
        {
            MergeInto(total, tag, interval, where, problems);
        }

        return total;
    }

    /// <summary>Adds one interval to a total, losslessly; the total's time span grows to cover it.</summary>
    private static void MergeInto(HistogramBase total, HistogramTag tag, IntervalHistogram interval, string where, List<RunDirectoryProblem> problems)
    {
        if (interval.MaxBucketValue > total.HighestTrackableValue)
        {
            problems.Add(new RunDirectoryProblem(where, null, ProblemSeverity.Error,
                $"interval of '{tag}' starting at {interval.StartTimeStamp} ms since the epoch left out of the total: " +
                $"its maximum {interval.MaxBucketValue} us is beyond 1 h"));
            return;
        }

        interval.AddTo(total);
        total.StartTimeStamp = Math.Min(total.StartTimeStamp, interval.StartTimeStamp);
        total.EndTimeStamp = Math.Max(total.EndTimeStamp, interval.EndTimeStamp);
    }

    /// <summary>Adds one log's total of a tag to the run's total of that tag (the same tag in two logs).</summary>
    private static void MergeTotals(HistogramBase total, HistogramBase other)
    {
        total.Add(other);
        total.StartTimeStamp = Math.Min(total.StartTimeStamp, other.StartTimeStamp);
        total.EndTimeStamp = Math.Max(total.EndTimeStamp, other.EndTimeStamp);
    }

    private static List<(string Path, IReadOnlyList<string> ListedTags)> ListLogs(
        string directory, RunManifest? manifest, List<RunDirectoryProblem> problems)
    {
        var logs = new List<(string, IReadOnlyList<string>)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var manifestPath = Path.Combine(directory, RunManifest.FileName);
        foreach (var entry in manifest?.HistogramLogs ?? [])
        {
            // Relative names only: a run directory must stay readable after it is moved or copied.
            if (string.IsNullOrWhiteSpace(entry.File) || Path.IsPathRooted(entry.File) ||
                entry.File.Split('/', '\\').Contains(".."))
            {
                problems.Add(new RunDirectoryProblem(manifestPath, null, ProblemSeverity.Error,
                    $"histogramLogs: '{entry.File}' is not a file name relative to the run directory"));
                continue;
            }

            var path = Path.Combine(directory, entry.File);
            if (seen.Add(Path.GetFullPath(path)))
            {
                logs.Add((path, entry.Tags));
            }
        }

        // run.json names the run's own logs; any other *.hlog is not of this run (left from an earlier run in the same
        // directory, copied in by hand) and merging it would mix another run's sessions into this one's. Without a
        // readable run.json every log is read: they are all there is. So too for a run that ended before listing
        // its logs (a crash or kill of a version that listed them only at the end).
        var readUnlisted = manifest is null || (manifest.HistogramLogs.Count == 0 && manifest.Status != RunStatus.Complete);
        foreach (var path in Directory.EnumerateFiles(directory, LogPattern).Order(StringComparer.Ordinal))
        {
            if (!seen.Add(Path.GetFullPath(path)))
            {
                continue;
            }

            if (readUnlisted)
            {
                logs.Add((path, []));
            }

            if (manifest is not null)
            {
                problems.Add(new RunDirectoryProblem(path, null, ProblemSeverity.Warning, readUnlisted
                    ? $"not listed in {RunManifest.FileName}; read anyway (the run lists no logs: it ended before it could)"
                    : $"not listed in {RunManifest.FileName}; ignored: not part of this run (left from an earlier run in this directory?)"));
            }
        }

        return logs;
    }
}
