using System.Reflection;
using System.Runtime.InteropServices;
using Latency.Bench.Load;
using Latency.RunDirectory;
using Latency.Scenarios.Suites;

namespace Latency.Bench.Recording;

/// <summary>Turns what the engine produced into the run directory's <c>run.json</c> model.</summary>
public static class RunManifestBuilder
{
    public static ToolInfo Tool { get; } = new()
    {
        Name = "latency",
        Version = typeof(RunManifestBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
    };

    public static EnvironmentInfo Environment(NetworkBackend networkBackend) => new()
    {
        MachineName = System.Environment.MachineName,
        Os = RuntimeInformation.OSDescription,
        ProcessorCount = System.Environment.ProcessorCount,
        DotnetVersion = RuntimeInformation.FrameworkDescription,
        NetworkBackend = networkBackend,
    };

    /// <summary>The manifest written when a run starts: status partial until the final one replaces it.</summary>
    public static RunManifest Started(SuiteInfo suite, EnvironmentInfo environment, DateTimeOffset startedUtc) => new()
    {
        Tool = Tool,
        Suite = suite,
        Environment = environment,
        StartedUtc = startedUtc,
        EndedUtc = startedUtc,
        Status = RunStatus.Partial,
        StatusReason = "the run is in progress, or it ended without writing its final results (crash or kill); the .hlog files hold what was recorded",
    };

    public static RunManifest Finished(RunManifest started, EngineResult result,
        IReadOnlyDictionary<string, IReadOnlyList<ThresholdEvaluation>> thresholds) =>
        started with
        {
            StartedUtc = result.StartedUtc,
            EndedUtc = result.EndedUtc,
            Status = result.Status,
            StatusReason = result.StatusReason,
            Scenarios = result.Scenarios.Select(o => Scenario(o, result.Histograms,
                thresholds.TryGetValue(o.Props.Name, out var t) ? t : [])).ToList(),
        };

    private static ScenarioResult Scenario(ScenarioOutcome outcome, IntervalCollector histograms, IReadOnlyList<ThresholdEvaluation> thresholds)
    {
        var name = outcome.Props.Name;
        var counters = outcome.Counters;
        LatencySummary Summary(string step, string kind) =>
            LatencySummary.From(histograms.Total(new MetricKey(name, step, kind)));

        return new ScenarioResult
        {
            Name = name,
            LoadModel = outcome.Timeline.IsOpenModel ? LoadModel.Open : LoadModel.Closed,
            Simulations = outcome.Timeline.Phases.Select(p => p.Describe()).ToList(),
            HttpVersion = outcome.Props.Labels.TryGetValue("http", out var http) ? http : "n/a",
            Connections = outcome.Props.MaxConcurrency,
            IntendedIterations = counters.Intended,
            Iterations = new IterationCounts
            {
                Started = counters.Started,
                Completed = counters.Completed,
                Ok = counters.Ok,
                Failed = counters.Failed,
                Dropped = counters.Dropped,
                Late = counters.Late,
            },
            Corrected = Summary(MetricKey.IterationStep, MetricKinds.Corrected),
            Uncorrected = Summary(MetricKey.IterationStep, MetricKinds.Uncorrected),
            Errors = counters.Errors.Snapshot(),
            Steps = counters.Steps.Select(step => new StepResult
            {
                Name = step.Name,
                Requests = step.Requests,
                Ok = step.Ok,
                Failed = step.Failed,
                Errors = step.Errors.Snapshot(),
                Latency = Summary(step.Name, MetricKinds.Uncorrected),
                FailedLatency = step.Failed > 0 ? Summary(step.Name, MetricKinds.Failed) : null,
                Phases = MetricKinds.Breakdown
                    .Select(phase => (phase, summary: Summary(step.Name, phase)))
                    .Where(p => p.summary.Count > 0)
                    .ToDictionary(p => p.phase, p => p.summary),
            }).ToList(),
            Thresholds = thresholds.Select(t => new ThresholdResult
            {
                Text = t.Threshold.Text,
                Passed = t.Passed,
                Observed = double.IsNaN(t.Observed) ? null : t.Observed.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
                Description = t.Description,
            }).ToList(),
        };
    }
}
