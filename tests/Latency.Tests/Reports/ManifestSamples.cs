using Latency.RunDirectory;

namespace Latency.Tests.Reports;

internal static class ManifestSamples
{
    public static RunManifest Partial() => new()
    {
        Tool = new ToolInfo { Name = "latency", Version = "0.1.0" },
        Suite = new SuiteInfo { Name = "handset", File = "scenarios/suites/handset.yaml", Description = "India, Mumbai vs Beijing" },
        Environment = new EnvironmentInfo
        {
            MachineName = "probe-1", Os = "Linux 6.8", ProcessorCount = 2, DotnetVersion = "10.0.0", NetworkBackend = NetworkBackend.Direct,
        },
        StartedUtc = HistogramSamples.RunStart,
        EndedUtc = HistogramSamples.RunStart.AddSeconds(61.5),
        Status = RunStatus.Partial,
        StatusReason = "interrupted by Ctrl-C",
        Scenarios =
        [
            new ScenarioResult
            {
                Name = "App start (cold)",
                LoadModel = LoadModel.Open,
                Simulations = ["inject 5/s for 00:01:00"],
                HttpVersion = "2",
                Connections = 16,
                IntendedIterations = 300,
                Iterations = new IterationCounts { Started = 290, Completed = 288, Ok = 280, Failed = 8, Dropped = 10, Late = 3 },
                Corrected = new LatencySummary { Count = 288, MinUs = 1, P50Us = 2, P90Us = 3, P95Us = 4, P99Us = 5, P999Us = 6, MaxUs = 7 },
                Uncorrected = LatencySummary.Empty,
                Errors = new Dictionary<string, long> { ["http_503"] = 5, ["timeout"] = 3 },
                Steps =
                [
                    new StepResult
                    {
                        Name = "config",
                        Requests = 288,
                        Ok = 283,
                        Failed = 5,
                        Errors = new Dictionary<string, long> { ["http_503"] = 5 },
                        Latency = LatencySummary.Empty,
                        Phases = new Dictionary<string, LatencySummary> { [HistogramTag.Ttfb] = LatencySummary.Empty },
                    },
                ],
                Thresholds = [new ThresholdResult { Text = "p95 < 300ms", Passed = false, Observed = "p95 = 412 ms" }],
            },
        ],
        HistogramLogs = [new HistogramLogEntry { File = "app_start.hlog", Tags = ["App_start__cold_/-/corrected"] }],
    };
}
