using Latency.Bench.Study;
using Latency.RunDirectory;

namespace Latency.Bench.Application;

/// <summary>A finished study's sessions: what the per-country table and the adaptive-sampling lines are drawn from.</summary>
/// <param name="Study">The study as run (its cells).</param>
/// <param name="Run">The engine run behind it.</param>
/// <param name="Backend">How deployments were reached (the world's backend, or <c>direct</c>).</param>
/// <param name="Comparisons">Each probe's origin and in-region deployments, as in run.json.</param>
/// <param name="Sampling">Adaptive sampling's precision and each adaptive cell's result; null without <c>precision</c>.</param>
public sealed record StudyMeasurement(
    StudyRun Study,
    RunMeasurement Run,
    NetworkBackend Backend,
    IReadOnlyList<StudyComparison> Comparisons,
    (double Precision, IReadOnlyList<AdaptiveCellResult> Cells)? Sampling);
