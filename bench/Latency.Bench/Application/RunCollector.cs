using Latency.Bench.Distributed;
using Latency.Reports.Study;
using Latency.RunDirectory;
using NATS.Client.JetStream;

namespace Latency.Bench.Application;

/// <summary>
/// Builds a distributed run's directory from its stream alone (the coordinator at the end of a run, and
/// <c>latency collect</c> after a coordinator that crashed): each agent's logs byte for byte, run.json merged
/// (<see cref="DistributedManifest"/>), the agents' calibration tables in one, and the study report.
/// </summary>
public static class RunCollector
{
    /// <summary>Collects run <paramref name="runId"/> into <paramref name="outDirectory"/>.</summary>
    /// <param name="js">A JetStream context.</param>
    /// <param name="runId">The run.</param>
    /// <param name="outDirectory">The run directory to write (created; should be new or empty).</param>
    /// <param name="lost">Agents given up on, with why, by name (the coordinator's; <c>collect</c> knows none).</param>
    /// <param name="observer">Hears what was found missing.</param>
    /// <param name="cancellationToken">Stops reading and writing.</param>
    /// <exception cref="InvalidOperationException">The stream holds no plan: the coordinator stopped before the start.</exception>
    public static async Task<RunOutcome> CollectAsync(INatsJSContext js, string runId, string outDirectory, IReadOnlyDictionary<string, string> lost,
        IRunObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var contents = await LogTextReader.ReadAsync(js, runId, cancellationToken).ConfigureAwait(false);
        if (contents.Plan is not { } plan)
        {
            throw new InvalidOperationException($"run {runId}'s stream holds no plan: its coordinator stopped before starting the agents, so nothing ran");
        }

        var problems = new List<string>();
        Directory.CreateDirectory(outDirectory);
        var written = await LogTextReader.WriteLogsAsync(contents.Texts, outDirectory, problems, cancellationToken).ConfigureAwait(false);
        var agentManifests = contents.Done.Values.Select(d => d.RunJson).OfType<string>().Select(TryParse).OfType<RunManifest>().ToList();
        // A scenario that several agents shared is summarised again from the merged histograms: read them now, before
        // run.json exists (every log written is read).
        var shared = agentManifests.SelectMany(m => m.Scenarios).GroupBy(s => s.Name, StringComparer.Ordinal).Any(g => g.Count() > 1);
        var totals = shared ? (await RunDirectoryReader.ReadAsync(outDirectory, cancellationToken).ConfigureAwait(false)).Totals : null;
        var manifest = DistributedManifest.Merge(plan, contents.Done, lost, Environment.MachineName, problems, totals);
        var tags = agentManifests.SelectMany(m => m.HistogramLogs).GroupBy(e => e.File[..^".hlog".Length], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Tags, StringComparer.Ordinal);
        manifest = manifest with
        {
            // A log several agents wrote is NAME.AGENT.hlog; its tags are NAME.hlog's.
            HistogramLogs = [.. written.Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
                .Select(file => new HistogramLogEntry
                {
                    File = file,
                    Tags = tags.GetValueOrDefault(file[..^".hlog".Length]) ?? tags.GetValueOrDefault(Path.GetFileNameWithoutExtension(file[..^".hlog".Length])) ?? [],
                })],
        };
        if (problems.Count > 0 && manifest.Distributed is { } distributed)
        {
            manifest = manifest with { Distributed = distributed with { Notes = [.. distributed.Notes, .. problems] } };
        }

        foreach (var problem in problems)
        {
            observer.Warning(problem);
        }

        await RunManifestFile.WriteAsync(outDirectory, manifest, cancellationToken).ConfigureAwait(false);
        if (Calibration(contents.Done.Values) is { } calibration)
        {
            await CalibrationFile.WriteAsync(outDirectory, calibration, cancellationToken).ConfigureAwait(false);
        }

        observer.Line($"Run {runId}: {contents.Texts.Count:N0} log texts from {contents.Texts.Select(t => t.Agent).Distinct(StringComparer.Ordinal).Count()} agent(s) " +
                      $"in {written.Count} log(s), run.json merged; writing the report");
        var report = await StudyReportWriter.WriteReportAsync(outDirectory, outDirectory, cancellationToken).ConfigureAwait(false);
        return new RunOutcome
        {
            RunDirectory = outDirectory,
            Status = manifest.Status,
            StatusReason = manifest.StatusReason,
            FailedThresholds = [.. manifest.Scenarios.SelectMany(s => s.Thresholds.Where(t => !t.Passed)
                .Select(t => new FailedThreshold(s.Name, t.Description ?? $"{t.Text}: {t.Observed}")))],
            Report = report,
        };
    }

    // Every agent's paths in one table; the emulator and overhead figures are the first agent's (on one machine they
    // are the same world's; on several, each agent's own paths carry what matters).
    private static CalibrationTable? Calibration(IEnumerable<AgentDone> done)
    {
        var tables = done.OrderBy(d => d.Agent, StringComparer.Ordinal).Select(d => d.CalibrationJson).OfType<string>()
            .Select(text =>
            {
                try
                {
                    return System.Text.Json.JsonSerializer.Deserialize<CalibrationTable>(text, RunDirectoryJson.Options);
                }
                catch (System.Text.Json.JsonException)
                {
                    return null;
                }
            }).OfType<CalibrationTable>().ToList();
        return tables.Count == 0 ? null : tables[0] with { Paths = [.. tables.SelectMany(t => t.Paths)] };
    }

    private static RunManifest? TryParse(string text)
    {
        try
        {
            return RunManifestFile.FromText("run.json", text);
        }
        catch (RunDirectoryFormatException)
        {
            return null;
        }
    }
}
