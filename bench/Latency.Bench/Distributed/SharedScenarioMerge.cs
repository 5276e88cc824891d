using HdrHistogram;
using Latency.Bench.Recording;
using Latency.RunDirectory;
using Latency.Scenarios.Suites;

namespace Latency.Bench.Distributed;

/// <summary>
/// One scenario's result from the parts several agents of one probe recorded (each played a share of its arrivals):
/// counters added, every latency figure read again from the merged histograms (HdrHistogram adds losslessly; a
/// percentile of parts is not a part of percentiles), and the thresholds evaluated on the merged data, never per agent.
/// </summary>
public static class SharedScenarioMerge
{
    /// <summary>The merged result of <paramref name="parts"/> (the same scenario from each agent).</summary>
    /// <param name="parts">The agents' results for the scenario, in agent order.</param>
    /// <param name="totals">The run's histograms merged over every log (<see cref="RunData.Totals"/>).</param>
    public static ScenarioResult Merge(IReadOnlyList<ScenarioResult> parts, IReadOnlyDictionary<HistogramTag, HistogramBase> totals)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(totals);
        var first = parts[0];
        if (parts.Count == 1)
        {
            return first;
        }

        var name = first.Name;
        HistogramBase? Total(string step, string kind) =>
            totals.GetValueOrDefault(step == HistogramTag.WholeIteration ? HistogramTag.ForIteration(name, kind) : HistogramTag.ForStep(name, step, kind));
        LatencySummary Summary(string step, string kind) => Total(step, kind) is { } histogram ? LatencySummary.From(histogram) : LatencySummary.Empty;

        var iterations = new IterationCounts
        {
            Started = parts.Sum(p => p.Iterations.Started),
            Completed = parts.Sum(p => p.Iterations.Completed),
            Ok = parts.Sum(p => p.Iterations.Ok),
            Failed = parts.Sum(p => p.Iterations.Failed),
            Dropped = parts.Sum(p => p.Iterations.Dropped),
            Late = parts.Sum(p => p.Iterations.Late),
        };
        var steps = parts.SelectMany(p => p.Steps).GroupBy(s => s.Name, StringComparer.Ordinal).Select(group =>
        {
            var failed = group.Sum(s => s.Failed);
            return new StepResult
            {
                Name = group.Key,
                Requests = group.Sum(s => s.Requests),
                Ok = group.Sum(s => s.Ok),
                Failed = failed,
                Errors = AddErrors(group.Select(s => s.Errors)),
                Latency = Summary(group.Key, MetricKinds.Uncorrected),
                FailedLatency = failed > 0 ? Summary(group.Key, MetricKinds.Failed) : null,
                Phases = MetricKinds.Breakdown.Select(phase => (phase, summary: Summary(group.Key, phase)))
                    .Where(p => p.summary.Count > 0).ToDictionary(p => p.phase, p => p.summary),
            };
        }).ToList();
        var merged = first with
        {
            Connections = parts.Sum(p => p.Connections),
            IntendedIterations = parts.Sum(p => p.IntendedIterations),
            Iterations = iterations,
            Corrected = Summary(HistogramTag.WholeIteration, MetricKinds.Corrected),
            Uncorrected = Summary(HistogramTag.WholeIteration, MetricKinds.Uncorrected),
            Errors = AddErrors(parts.Select(p => p.Errors)),
            Steps = steps,
        };
        // Residency results are not the histograms': the merged run.json evaluates them again on the added-up flows
        // (DistributedManifest), so they are kept as the first agent wrote them until then.
        return merged with
        {
            Thresholds = [.. first.Thresholds.Select(t => Study.ResidencyThresholdChecks.Recorded(t.Text) is null ? Evaluate(t.Text, merged, Total) : t)],
        };
    }

    private static ThresholdResult Evaluate(string text, ScenarioResult merged, Func<string, string, HistogramBase?> total)
    {
        if (!ThresholdParser.TryParse(text, out var threshold, out var error))
        {
            return new ThresholdResult { Text = text, Passed = false, Description = error };
        }

        ThresholdObservation observation;
        if (threshold.Step is { } stepName)
        {
            var step = merged.Steps.FirstOrDefault(s => s.Name == stepName);
            observation = Observe(total(stepName, MetricKinds.Uncorrected), step?.Requests ?? 0, step?.Failed ?? 0, merged);
        }
        else
        {
            observation = Observe(total(HistogramTag.WholeIteration, MetricKinds.Corrected), merged.Iterations.Completed, merged.Iterations.Failed, merged);
        }

        var evaluation = ThresholdEvaluator.Evaluate(threshold, observation);
        return new ThresholdResult
        {
            Text = text,
            Passed = evaluation.Passed,
            Observed = double.IsNaN(evaluation.Observed) ? null : evaluation.Observed.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            Description = evaluation.Description,
        };
    }

    // As the engine observes a scenario (ThresholdChecks), from the merged histogram and counters.
    private static ThresholdObservation Observe(HistogramBase? histogram, long count, long failed, ScenarioResult merged) =>
        new(p => histogram is null || histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(p),
            histogram is null || histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue(),
            count, failed, merged.Iterations.Dropped, merged.IntendedIterations);

    private static Dictionary<string, long> AddErrors(IEnumerable<IReadOnlyDictionary<string, long>> errors) =>
        errors.SelectMany(e => e).GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
}
