using Latency.Bench.Recording;
using Latency.Scenarios.Suites;

namespace Latency.Bench.Load;

/// <summary>Evaluates a scenario's thresholds against what the run recorded.</summary>
public static class ThresholdChecks
{
    /// <summary>Parse problems of threshold texts (the C# API takes strings; suites were checked by the loader).</summary>
    public static IEnumerable<string> Problems(ScenarioProps scenario)
    {
        foreach (var text in scenario.Thresholds)
        {
            if (!ThresholdParser.TryParse(text, out _, out var error))
            {
                yield return $"scenario '{scenario.Name}': threshold '{text}': {error}";
            }
        }
    }

    public static IReadOnlyList<ThresholdEvaluation> Evaluate(ScenarioOutcome outcome, IntervalCollector histograms)
    {
        var results = new List<ThresholdEvaluation>();
        foreach (var text in outcome.Props.Thresholds)
        {
            if (!ThresholdParser.TryParse(text, out var threshold, out _))
            {
                continue;
            }

            results.Add(ThresholdEvaluator.Evaluate(threshold, Observe(threshold, outcome, histograms)));
        }

        return results;
    }

    private static ThresholdObservation Observe(ThresholdDefinition threshold, ScenarioOutcome outcome, IntervalCollector histograms)
    {
        var counters = outcome.Counters;
        var name = outcome.Props.Name;
        if (threshold.Step is { } stepName)
        {
            var step = counters.Steps.FirstOrDefault(s => s.Name == stepName);
            var stepHistogram = histograms.Total(new MetricKey(name, stepName, MetricKinds.Uncorrected));
            return new ThresholdObservation(p => stepHistogram.TotalCount == 0 ? 0 : stepHistogram.GetValueAtPercentile(p),
                stepHistogram.TotalCount == 0 ? 0 : HdrHistogram.HistogramExtensions.GetMaxValue(stepHistogram),
                step?.Requests ?? 0, step?.Failed ?? 0, counters.Dropped, counters.Intended);
        }

        var corrected = histograms.Total(new MetricKey(name, MetricKey.IterationStep, MetricKinds.Corrected));
        return new ThresholdObservation(p => corrected.TotalCount == 0 ? 0 : corrected.GetValueAtPercentile(p),
            corrected.TotalCount == 0 ? 0 : HdrHistogram.HistogramExtensions.GetMaxValue(corrected),
            counters.Completed, counters.Failed, counters.Dropped, counters.Intended);
    }
}
