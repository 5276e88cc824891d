using Latency.RunDirectory;
using Latency.Scenarios.Residency;

namespace Latency.Bench.Study;

/// <summary>
/// Evaluates a study's residency thresholds on its counted flows and records each result under its cell's scenario
/// in run.json, beside the latency thresholds, so that the console, the exit code (1 on a failure), summary.json and
/// the report treat them alike. Each threshold is checked for every in-region option (every compared deployment but
/// the first) of every cell, as <c>&lt;option&gt;: residency: ...</c>: the origin's sessions go to the origin by design.
/// </summary>
public static class ResidencyThresholdChecks
{
    /// <summary><paramref name="manifest"/> with the residency thresholds' results added to its study's cells.</summary>
    /// <param name="manifest">run.json as the engine finished it, its study's residency filled in.</param>
    /// <param name="thresholds">The study's residency thresholds.</param>
    public static RunManifest Apply(RunManifest manifest, IReadOnlyList<ResidencyThreshold> thresholds)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.Count == 0 || manifest.Study is not { } study)
        {
            return manifest;
        }

        var flows = study.Residency?.Flows ?? [];
        var inRegion = study.Comparisons.ToDictionary(c => c.Probe, c => c.InRegion, StringComparer.Ordinal);
        return manifest with
        {
            Scenarios = [.. manifest.Scenarios.Select(scenario =>
            {
                var probe = scenario.Name.Split('.')[0];
                var options = inRegion.GetValueOrDefault(probe) ?? [];
                var results = options.SelectMany(option => thresholds.Select(threshold =>
                {
                    var (passed, observed, description) = ResidencyThresholdEvaluator.Evaluate(threshold,
                        Observe(flows.Where(f => f.Scenario == scenario.Name && f.Option == option).ToList(), threshold.Jurisdiction));
                    return new ThresholdResult
                    {
                        Text = $"{option}: {threshold.Text}",
                        Passed = passed,
                        Observed = observed.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
                        Description = $"{option}: {description}",
                    };
                }));
                return scenario with { Thresholds = [.. scenario.Thresholds, .. results] };
            })],
        };
    }

    /// <summary>
    /// The residency threshold a run.json threshold text records (<c>mumbai: residency: CN bytes_sent == 0</c>), or null
    /// for any other threshold.
    /// </summary>
    /// <param name="text">A <see cref="ThresholdResult.Text"/>.</param>
    public static ResidencyThreshold? Recorded(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && ResidencyThreshold.IsWritten(text[(colon + 1)..]) && ResidencyThresholdParser.TryParse(text[(colon + 1)..], out var threshold, out _)
            ? threshold
            : null;
    }

    /// <summary>
    /// <paramref name="manifest"/> with its residency thresholds evaluated again on its study's flows (after flows of
    /// several agents were added up): the recorded results are dropped and the thresholds they name applied afresh.
    /// </summary>
    /// <param name="manifest">A merged run.json.</param>
    public static RunManifest Reapply(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var thresholds = manifest.Scenarios.SelectMany(s => s.Thresholds).Select(t => Recorded(t.Text)).OfType<ResidencyThreshold>()
            .DistinctBy(t => t.Text, StringComparer.Ordinal).ToList();
        if (thresholds.Count == 0) return manifest;
        var without = manifest with
        {
            Scenarios = [.. manifest.Scenarios.Select(s => s with { Thresholds = [.. s.Thresholds.Where(t => Recorded(t.Text) is null)] })],
        };
        return Apply(without, thresholds);
    }

    /// <summary>One option's traffic in all and to <paramref name="jurisdiction"/> (copies count as user data that reached it).</summary>
    /// <param name="flows">The option's flows in one cell.</param>
    /// <param name="jurisdiction">The jurisdiction watched.</param>
    public static ResidencyObservation Observe(IReadOnlyList<ResidencyFlow> flows, string jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var sessions = flows.Where(f => !f.Replicated).ToList();
        var there = flows.Where(f => f.Jurisdiction == jurisdiction).ToList();
        return new ResidencyObservation(
            there.Sum(f => f.Requests),
            there.Sum(f => f.BytesSent),
            there.Sum(f => f.BytesReceived),
            sessions.Sum(f => f.Requests),
            sessions.Sum(f => f.BytesSent),
            sessions.Sum(f => f.BytesReceived));
    }
}
