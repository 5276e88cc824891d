using HdrHistogram;

namespace Latency.Reports.RunDirectory;

/// <summary>
/// Reads a whole run directory: run.json, the interval logs it lists and any other *.hlog in the directory,
/// merged per tag. Reports read runs only through this (DESIGN.md: reports never touch the engine).
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
    public static async Task<RunData> ReadAsync(string directory, CancellationToken cancellationToken = default)
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
        var intervals = new Dictionary<HistogramTag, List<HistogramBase>>();
        foreach (var (path, listedTags) in logs)
        {
            var log = await IntervalLogReader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            problems.AddRange(log.Problems);
            var tagsFound = new HashSet<string>(StringComparer.Ordinal);
            foreach (var histogram in log.Histograms)
            {
                if (!HistogramTag.TryParse(histogram.Tag, out var tag))
                {
                    problems.Add(new RunDirectoryProblem(path, null, ProblemSeverity.Warning,
                        $"histogram with tag '{histogram.Tag ?? "(none)"}' ignored: not <scenario>/<step>/<kind>"));
                    continue;
                }

                tagsFound.Add(tag.Format());
                if (!intervals.TryGetValue(tag, out var series))
                {
                    intervals[tag] = series = [];
                }

                series.Add(histogram);
            }

            foreach (var missing in listedTags.Where(t => !tagsFound.Contains(t)))
            {
                problems.Add(new RunDirectoryProblem(path, null, ProblemSeverity.Warning,
                    $"tag '{missing}' is listed in {RunManifest.FileName} but has no histogram in the file"));
            }
        }

        var totals = new Dictionary<HistogramTag, HistogramBase>();
        var orderedIntervals = new Dictionary<HistogramTag, IReadOnlyList<HistogramBase>>();
        foreach (var (tag, list) in intervals)
        {
            var ordered = list.OrderBy(h => h.StartTimeStamp).ToList();
            orderedIntervals[tag] = ordered;
            totals[tag] = Merge(tag, ordered, directory, problems);
        }

        return new RunData
        {
            Directory = directory,
            Manifest = manifest,
            Totals = totals,
            Intervals = orderedIntervals,
            Problems = problems,
        };
    }

    /// <summary>Adds interval histograms into one total (HistogramBase.Add: lossless).</summary>
    internal static HistogramBase Merge(HistogramTag tag, IReadOnlyList<HistogramBase> intervals, string where, List<RunDirectoryProblem> problems)
    {
        var total = new LongHistogram(LowestTrackableValueUs, HighestTrackableValueUs, SignificantDigits)
        {
            Tag = tag.Format(),
        };
        var first = true;
        foreach (var interval in intervals)
        {
            if (interval.HighestTrackableValue <= total.HighestTrackableValue)
            {
                total.Add(interval);
            }
            else if (interval.GetMaxValue() <= total.HighestTrackableValue)
            {
                // Add refuses a histogram declared wider than this one even when its values fit (another writer's
                // range); re-record its buckets, as Add itself does when bucket layouts differ.
                foreach (var bucket in interval.RecordedValues())
                {
                    total.RecordValueWithCount(bucket.ValueIteratedTo, bucket.CountAddedInThisIterationStep);
                }
            }
            else
            {
                problems.Add(new RunDirectoryProblem(where, null, ProblemSeverity.Error,
                    $"interval of '{tag}' starting at {interval.StartTimeStamp} ms since the epoch left out of the total: " +
                    $"its maximum {interval.GetMaxValue()} us is beyond 1 h"));
                continue;
            }

            total.StartTimeStamp = first ? interval.StartTimeStamp : Math.Min(total.StartTimeStamp, interval.StartTimeStamp);
            total.EndTimeStamp = first ? interval.EndTimeStamp : Math.Max(total.EndTimeStamp, interval.EndTimeStamp);
            first = false;
        }

        return total;
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

        foreach (var path in Directory.EnumerateFiles(directory, LogPattern).Order(StringComparer.Ordinal))
        {
            if (!seen.Add(Path.GetFullPath(path)))
            {
                continue;
            }

            logs.Add((path, []));
            if (manifest is not null)
            {
                problems.Add(new RunDirectoryProblem(path, null, ProblemSeverity.Warning,
                    $"not listed in {RunManifest.FileName}; read anyway"));
            }
        }

        return logs;
    }
}
