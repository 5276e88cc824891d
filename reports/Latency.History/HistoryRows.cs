using Latency.RunDirectory;

namespace Latency.History;

/// <summary>
/// The rows of a run, from its run.json alone (no interval log is decoded): for a study, one per probe, deployment and
/// workload (<c>mumbai/beijing/app-cold-start</c>: the sessions of that workload from that probe on that deployment);
/// for a suite or URL run, one per scenario (corrected latency, as the run's thresholds judge it) and one per step
/// (<c>scenario/step</c>).
/// </summary>
public static class HistoryRows
{
    /// <summary>The rows of <paramref name="manifest"/>, in run.json's order.</summary>
    public static IReadOnlyList<HistoryRow> From(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var rows = new List<HistoryRow>();
        foreach (var scenario in manifest.Scenarios)
        {
            if (manifest.Study is { } study)
            {
                // A study's scenario is named "<probe>.<workload>" and each deployment is a step of it (StudyInfo).
                var (probe, workload) = SplitStudyScenario(study, scenario.Name);
                rows.AddRange(scenario.Steps.Select(step => Row($"{probe}/{step.Name}/{workload}", step.Latency, step.Failed)));
                continue;
            }

            rows.Add(Row(scenario.Name, scenario.Corrected, scenario.Iterations.Failed));
            rows.AddRange(scenario.Steps.Select(step => Row($"{scenario.Name}/{step.Name}", step.Latency, step.Failed)));
        }

        return rows;
    }

    /// <summary>The probe (one the study names, longest first: a probe name may hold a dot) and the workload.</summary>
    private static (string Probe, string Workload) SplitStudyScenario(StudyInfo study, string scenario)
    {
        var probe = study.Comparisons.Select(c => c.Probe).OrderByDescending(p => p.Length)
            .FirstOrDefault(p => scenario.StartsWith(p + ".", StringComparison.Ordinal));
        if (probe is not null)
        {
            return (probe, scenario[(probe.Length + 1)..]);
        }

        var dot = scenario.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (scenario, "-") : (scenario[..dot], scenario[(dot + 1)..]);
    }

    private static HistoryRow Row(string key, LatencySummary latency, long errors) => new()
    {
        Key = key,
        Count = latency.Count,
        Errors = errors,
        P50 = latency.P50Us,
        P90 = latency.P90Us,
        P95 = latency.P95Us,
        P99 = latency.P99Us,
        Max = latency.MaxUs,
        Unit = HistoryUnit.Microseconds,
    };
}
