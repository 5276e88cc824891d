using Latency.History;
using Latency.Reports.Compare;
using Latency.Reports.Statistics;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>
/// Compares two run directories (<c>latency compare</c>) with <see cref="RunComparer"/> and writes compare.md,
/// compare.html and compare.json; runs that are not comparable write nothing and come back as problems. With a history,
/// each row's interval is widened by how much that row moved between earlier runs (<see cref="BetweenRunSpread"/>).
/// </summary>
public static class CompareService
{
    /// <summary>Compares as <paramref name="request"/> asks.</summary>
    /// <param name="request">The two runs, the tolerance, where to write, the history.</param>
    /// <param name="cancellationToken">Stops reading or writing.</param>
    public static async Task<CompareOutcome> RunAsync(CompareRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyDictionary<string, RowSpread>? spreads = null;
        if (request.HistoryFile is { } historyFile)
        {
            var (read, problem) = await SpreadsAsync(historyFile, request.CurrentDirectory, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return new CompareOutcome { Problems = [problem] };
            }

            spreads = read;
        }

        var comparison = await RunComparer.CompareAsync(request.BaselineDirectory, request.CurrentDirectory, request.Tolerance, spreads,
            cancellationToken).ConfigureAwait(false);
        if (!comparison.IsComparable)
        {
            return new CompareOutcome { Problems = comparison.Differences.Select(d => new ValidationError(null, d)).ToList() };
        }

        var files = await CompareWriter.WriteAsync(comparison, request.OutDirectory ?? request.CurrentDirectory, cancellationToken).ConfigureAwait(false);
        return new CompareOutcome { Comparison = comparison, Files = files };
    }

    /// <summary>
    /// Each row's between-run spread at p50, p95 and p99 from the runs of <paramref name="historyFile"/> with the current
    /// run's suite and machine that started before it (the current run itself and anything later never count: a
    /// regression tonight must not widen tonight's own interval). Rows with fewer than
    /// <see cref="BetweenRunSpread.MinimumRuns"/> such runs get none. A current run without a readable run.json gets
    /// none either: the comparison itself names that problem.
    /// </summary>
    private static async Task<(IReadOnlyDictionary<string, RowSpread>? Spreads, ValidationError? Problem)> SpreadsAsync(string historyFile,
        string currentDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(historyFile))
        {
            return (null, new ValidationError(null, $"--history: {historyFile}: no history file"));
        }

        RunManifest current;
        try
        {
            current = await RunManifestFile.ReadAsync(currentDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RunDirectoryFormatException or IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }

        IReadOnlyList<HistoryEntry> entries;
        try
        {
            using var store = HistoryStore.Open(historyFile);
            entries = store.Read(new HistoryQuery { Suite = current.Study?.Name ?? current.Suite.Name });
        }
        catch (HistoryFileException e)
        {
            return (null, new ValidationError(null, $"--history: {e.Message}"));
        }

        var earlier = entries
            .Where(e => e.Run.Machine == current.Environment.MachineName && e.Run.StartedUtc < current.StartedUtc)
            .OrderBy(e => e.Run.StartedUtc)
            .TakeLast(BetweenRunSpread.MaximumRuns)
            .ToList();
        var spreads = new Dictionary<string, RowSpread>(StringComparer.Ordinal);
        foreach (var key in earlier.SelectMany(e => e.Rows.Select(r => r.Key)).Distinct(StringComparer.Ordinal))
        {
            var rows = earlier.SelectMany(e => e.Rows.Where(r => r.Key == key)).ToList();
            var byProbability = new Dictionary<double, double>();
            foreach (var (probability, value) in Quantiles)
            {
                if (BetweenRunSpread.Estimate(rows.Select(r => (double)value(r)).ToList()) is { } sigma)
                {
                    byProbability[probability] = sigma;
                }
            }

            if (byProbability.Count > 0)
            {
                spreads[key] = new RowSpread { Runs = rows.Count, ByProbability = byProbability };
            }
        }

        return (spreads, null);
    }

    /// <summary>The quantiles a comparison reports, as the history stores them.</summary>
    private static readonly (double Probability, Func<HistoryRow, long> Value)[] Quantiles =
        [(0.5, r => r.P50), (0.95, r => r.P95), (0.99, r => r.P99)];
}
