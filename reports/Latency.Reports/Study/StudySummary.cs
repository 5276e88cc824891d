using HdrHistogram;
using Latency.RunDirectory;
using Latency.Reports.Statistics;

namespace Latency.Reports.Study;

/// <summary>
/// The study's answer in numbers: per probe (country) and workload, successful sessions' p50/p95/p99 on the origin and
/// on the first in-region deployment, failures, and the gain (origin / in-region). Quantiles are the sample quantiles
/// (Hyndman &amp; Fan 7) of the merged histograms, the ones the gain's bootstrap uses; intervals and the verdict are
/// <see cref="RowStatistics"/>'s, which finds each row's distributions through <see cref="DeploymentSessions.Tag"/>.
/// </summary>
public sealed record StudySummary
{
    /// <summary>The origin assumed when run.json has no study section and a deployment of this name was recorded.</summary>
    public const string DefaultOrigin = "beijing";

    /// <summary>The workload the charts show when present: the one every user feels.</summary>
    public const string MainWorkloadName = "app-cold-start";

    /// <summary>Rows ordered by probe (study order, else by name), then workload by name.</summary>
    public IReadOnlyList<StudyRow> Rows { get; init; } = [];

    /// <summary>The workload charts focus on: <see cref="MainWorkloadName"/> if recorded, else the first by name; null when no rows.</summary>
    public string? MainWorkload { get; init; }

    /// <summary>True when run.json had a study section; false when probes and deployments were derived from tags.</summary>
    public bool FromStudySection { get; init; }

    /// <summary>The study's precision target (half-width / gain of the p50-gain interval), from run.json; null: none.</summary>
    public double? Precision { get; init; }

    /// <summary>The workloads the precision target is for (sampled toward it); empty: every workload.</summary>
    public IReadOnlyList<string> PrecisionWorkloads { get; init; } = [];

    /// <summary>Things a reader should know: probes without data, origins derived from tags, and the like.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Probes in row order, each once.</summary>
    public IReadOnlyList<string> Probes => Rows.Select(r => r.Probe).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Workloads by name, each once.</summary>
    public IReadOnlyList<string> Workloads => Rows.Select(r => r.Workload).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Summarizes a study run. Pure: reads only <paramref name="run"/>. Scenarios not named
    /// <c>&lt;probe&gt;.&lt;workload&gt;</c> are not part of a study and are skipped.
    /// </summary>
    public static StudySummary From(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var study = run.Manifest?.Study;
        var notes = new List<string>();

        // Session histograms by scenario, deployments in the order first seen (the reader keeps file order).
        var sessions = new Dictionary<string, List<(string Deployment, HistogramTag Tag, HistogramBase Histogram)>>(StringComparer.Ordinal);
        var scenarioOrder = new List<string>();
        foreach (var (tag, histogram) in run.Totals)
        {
            if (tag.Kind != HistogramTag.Uncorrected || tag.IsIteration || tag.Step.Contains('.') || !TrySplit(tag.Scenario, out _, out _))
            {
                continue;
            }

            if (!sessions.TryGetValue(tag.Scenario, out var list))
            {
                sessions[tag.Scenario] = list = [];
                scenarioOrder.Add(tag.Scenario);
            }

            list.Add((tag.Step, tag, histogram));
        }

        var comparisons = (study?.Comparisons ?? []).GroupBy(c => c.Probe, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rows = new List<StudyRow>();
        foreach (var scenario in scenarioOrder)
        {
            TrySplit(scenario, out var probe, out var workload);
            var recorded = sessions[scenario];
            comparisons.TryGetValue(probe, out var comparison);
            if (study is not null && comparison is null)
            {
                notes.Add($"{scenario}: probe '{probe}' is not in run.json's study comparisons; origin and in-region derived from the tags");
            }

            var originName = comparison?.Origin
                ?? (recorded.Any(s => s.Deployment == DefaultOrigin) ? DefaultOrigin : recorded[0].Deployment);
            var inRegionName = comparison is not null
                ? comparison.InRegion.FirstOrDefault()
                : recorded.Select(s => s.Deployment).FirstOrDefault(d => d != originName);

            var manifestScenario = run.Manifest?.Scenarios.FirstOrDefault(s => HistogramTag.Sanitize(s.Name) == scenario);
            var origin = Sessions(scenario, originName, recorded, manifestScenario);
            if (origin.Count == 0)
            {
                notes.Add($"{scenario}: no sessions recorded on the origin '{originName}'");
            }

            DeploymentSessions? inRegion = null;
            if (inRegionName is null)
            {
                notes.Add($"{scenario}: no in-region deployment to compare with '{originName}'");
            }
            else
            {
                inRegion = Sessions(scenario, inRegionName, recorded, manifestScenario);
                if (inRegion.Count == 0)
                {
                    notes.Add($"{scenario}: no sessions recorded on the in-region deployment '{inRegionName}'");
                }
            }

            rows.Add(new StudyRow
            {
                Probe = probe,
                Country = string.IsNullOrWhiteSpace(comparison?.Country) ? probe : comparison.Country,
                City = string.IsNullOrWhiteSpace(comparison?.City) ? null : comparison.City,
                Workload = workload,
                Scenario = scenario,
                Origin = origin,
                InRegion = inRegion,
            });
        }

        foreach (var missing in comparisons.Keys.Where(p => rows.All(r => r.Probe != p)))
        {
            notes.Add($"probe '{missing}' is in the study but no session of it was recorded");
        }

        if (study is null && rows.Count > 0)
        {
            notes.Add("run.json has no study section: probes, workloads and deployments are derived from the histogram tags " +
                      $"(origin '{DefaultOrigin}' where recorded, else the first deployment seen)");
        }

        // Study order of probes is the author's (e.g. by region); otherwise by name so reports do not depend on file order.
        var probeOrder = (study?.Comparisons ?? []).Select(c => c.Probe).ToList();
        int ProbeRank(string p) => probeOrder.IndexOf(p) is var i and >= 0 ? i : int.MaxValue;
        var ordered = rows
            .OrderBy(r => ProbeRank(r.Probe))
            .ThenBy(r => r.Probe, StringComparer.Ordinal)
            .ThenBy(r => r.Workload, StringComparer.Ordinal)
            .ToList();

        return new StudySummary
        {
            Rows = ordered,
            MainWorkload = ordered.Any(r => r.Workload == MainWorkloadName)
                ? MainWorkloadName
                : ordered.Select(r => r.Workload).Order(StringComparer.Ordinal).FirstOrDefault(),
            FromStudySection = study is not null,
            Precision = study?.Precision,
            PrecisionWorkloads = study?.PrecisionWorkloads ?? [],
            Notes = notes,
        };
    }

    /// <summary>Splits <c>&lt;probe&gt;.&lt;workload&gt;</c> at the first '.' (probe names have none).</summary>
    public static bool TrySplit(string scenario, out string probe, out string workload)
    {
        var dot = scenario.IndexOf('.');
        if (dot <= 0 || dot == scenario.Length - 1)
        {
            probe = workload = "";
            return false;
        }

        probe = scenario[..dot];
        workload = scenario[(dot + 1)..];
        return true;
    }

    private static DeploymentSessions Sessions(
        string scenario, string deployment,
        List<(string Deployment, HistogramTag Tag, HistogramBase Histogram)> recorded, ScenarioResult? manifestScenario)
    {
        var found = recorded.FirstOrDefault(s => s.Deployment == deployment);
        var histogram = found.Histogram;
        var step = manifestScenario?.Steps.FirstOrDefault(s => HistogramTag.Sanitize(s.Name) == deployment);
        var buckets = histogram is null || histogram.TotalCount == 0 ? null : HistogramBuckets.From(histogram);
        double Quantile(double p) => buckets is null ? 0 : buckets.Quantile(p);
        return new DeploymentSessions
        {
            Deployment = deployment,
            Tag = found.Tag ?? new HistogramTag(scenario, HistogramTag.Sanitize(deployment), HistogramTag.Uncorrected),
            Count = buckets?.TotalCount ?? 0,
            P50Us = Quantile(0.5),
            P95Us = Quantile(0.95),
            P99Us = Quantile(0.99),
            MeanUs = buckets is null ? 0 : histogram!.GetMean(),
            Failed = step?.Failed,
            Errors = step?.Errors ?? new Dictionary<string, long>(),
        };
    }
}
