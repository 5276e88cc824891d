using System.Globalization;
using Latency.History;
using Latency.RunDirectory;

namespace Latency.Bench.Application;

/// <summary>
/// Chooses a nightly's default baseline, the last good run: among the history's runs of the same suite on the same
/// machine that started before the current one, the most recent whose status is complete, whose run directory still
/// exists and whose run.json records every threshold as passed. Thresholds are read from run.json rather than stored in
/// the history: the baseline's directory must be read anyway to compare with it, and the history keeps the same schema.
/// A run that regressed against its own baseline but passed its thresholds is good: the comparison judged it once, and
/// a lasting slower level is the history check's to report.
/// </summary>
public static class LastGoodBaseline
{
    /// <summary>How many of the newer runs passed over are named in the reason; more are counted.</summary>
    private const int NamedSkips = 5;

    /// <summary>The last good run before <paramref name="current"/> among <paramref name="history"/>, or none and why.</summary>
    /// <param name="history">The history's runs (any suite, machine and order).</param>
    /// <param name="current">The run being judged, as stored in the history.</param>
    /// <param name="cancellationToken">Stops reading run.json files.</param>
    public static async Task<BaselineChoice> ChooseAsync(IReadOnlyList<HistoryRun> history, HistoryRun current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(current);
        var earlier = history
            .Where(r => r.Suite == current.Suite && r.Machine == current.Machine && r.StartedUtc < current.StartedUtc && r.Id != current.Id)
            .OrderByDescending(r => r.StartedUtc).ThenByDescending(r => r.Id);
        var skipped = new List<string>();
        var radio = await RadioOfAsync(current.RunDirectory, cancellationToken).ConfigureAwait(false);
        foreach (var run in earlier)
        {
            if (await WhyNotGoodAsync(run, radio, cancellationToken).ConfigureAwait(false) is { } why)
            {
                skipped.Add($"run {run.Id.ToString(CultureInfo.InvariantCulture)} {why}");
                continue;
            }

            return new BaselineChoice
            {
                Directory = run.RunDirectory,
                Name = Name(run),
                HistoryRunId = run.Id,
                Reason = $"last good: the most recent earlier run of '{current.Suite}' on {current.Machine} that completed and passed " +
                         $"its thresholds{Skips(skipped, "; newer ones passed over: ")}.",
            };
        }

        return new BaselineChoice
        {
            Name = "none",
            Reason = skipped.Count == 0
                ? $"no earlier run of '{current.Suite}' on {current.Machine} in the history (the first night): nothing to compare with."
                : $"no earlier run of '{current.Suite}' on {current.Machine} completed and passed its thresholds{Skips(skipped, ": ")}; " +
                  "nothing to compare with.",
        };
    }

    /// <summary>A history run as a reader names it: its number, start and commit.</summary>
    public static string Name(HistoryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var commit = run.Commit is null ? "" : $", commit {run.Commit[..Math.Min(7, run.Commit.Length)]}";
        return string.Create(CultureInfo.InvariantCulture, $"run {run.Id} ({run.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC{commit})");
    }

    /// <summary>The current run's effective radio (<see cref="StudyInfo.EffectiveRadio"/>), or null when unknown.</summary>
    private static async Task<string?> RadioOfAsync(string directory, CancellationToken cancellationToken)
    {
        try
        {
            return (await RunManifestFile.ReadAsync(directory, cancellationToken).ConfigureAwait(false)).Study?.EffectiveRadio;
        }
        catch (Exception e) when (e is RunDirectoryFormatException or IOException)
        {
            return null;
        }
    }

    /// <summary>Why <paramref name="run"/> cannot be the baseline, or null when it can.</summary>
    /// <param name="run">The candidate.</param>
    /// <param name="radio">The current run's effective radio; a study run with another is passed over (compare would
    /// call the two not comparable), so the first night with the radio has no baseline rather than a failure.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    private static async Task<string?> WhyNotGoodAsync(HistoryRun run, string? radio, CancellationToken cancellationToken)
    {
        if (run.Status != RunStatus.Complete)
        {
            return $"is {run.Status.ToString().ToLowerInvariant()}";
        }

        if (!Directory.Exists(run.RunDirectory))
        {
            return "has no run directory any more";
        }

        RunManifest manifest;
        try
        {
            manifest = await RunManifestFile.ReadAsync(run.RunDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (RunDirectoryFormatException e)
        {
            return $"cannot be read ({e.Message})";
        }

        if (radio is not null && manifest.Study is { } study && study.EffectiveRadio != radio)
        {
            return $"had the radio {study.EffectiveRadio}, tonight's run has it {radio}";
        }

        var failed = manifest.Scenarios.Sum(s => s.Thresholds.Count(t => !t.Passed));
        return failed > 0 ? $"failed {failed.ToString(CultureInfo.InvariantCulture)} threshold(s)" : null;
    }

    private static string Skips(List<string> skipped, string prefix)
    {
        if (skipped.Count == 0)
        {
            return "";
        }

        var more = skipped.Count > NamedSkips ? $" and {(skipped.Count - NamedSkips).ToString(CultureInfo.InvariantCulture)} more" : "";
        return prefix + string.Join(", ", skipped.Take(NamedSkips)) + more;
    }
}
