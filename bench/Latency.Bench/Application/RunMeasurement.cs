using Latency.Bench.Load;
using Latency.RunDirectory;
using Latency.Scenarios.Suites;

namespace Latency.Bench.Application;

/// <summary>A finished engine run: what it measured, its final run.json, and every scenario's thresholds as evaluated.</summary>
/// <param name="Result">The engine's result (status, counters, histograms).</param>
/// <param name="Manifest">run.json as written at the end.</param>
/// <param name="Thresholds">Each scenario's thresholds, by scenario name.</param>
public sealed record RunMeasurement(
    EngineResult Result,
    RunManifest Manifest,
    IReadOnlyDictionary<string, IReadOnlyList<ThresholdEvaluation>> Thresholds)
{
    /// <summary>
    /// Every threshold that did not pass, with its scenario, in scenario order: as run.json records them, so checks
    /// added after the engine (a study's residency thresholds) count as much as the engine's own.
    /// </summary>
    public IReadOnlyList<FailedThreshold> FailedThresholds =>
        Manifest.Scenarios.SelectMany(s => s.Thresholds.Where(t => !t.Passed).Select(t => new FailedThreshold(s.Name, t.Description ?? t.Text))).ToList();
}
