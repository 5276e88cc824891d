using System.Globalization;
using Latency.RunDirectory;
using Latency.Scenarios.Suites;

namespace Latency.Bench.Cli;

/// <summary>The end-of-run summary: corrected and uncorrected latency side by side, counts, errors, phases, thresholds.</summary>
public static class SummaryPrinter
{
    public static void Print(TextWriter output, RunManifest manifest, IReadOnlyDictionary<string, IReadOnlyList<ThresholdEvaluation>> thresholds)
    {
        var seconds = Math.Max(1e-9, (manifest.EndedUtc - manifest.StartedUtc).TotalSeconds);
        output.WriteLine();
        output.WriteLine($"Run {manifest.Status.ToString().ToLowerInvariant()} in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s" +
                         (manifest.StatusReason is { } reason ? $" ({reason})" : string.Empty));
        foreach (var scenario in manifest.Scenarios)
        {
            var i = scenario.Iterations;
            output.WriteLine();
            output.WriteLine($"Scenario {scenario.Name} ({scenario.LoadModel.ToString().ToLowerInvariant()} model; {string.Join(", ", scenario.Simulations)})");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  iterations: intended {scenario.IntendedIterations}, started {i.Started}, ok {i.Ok}, failed {i.Failed}, dropped {i.Dropped}, late {i.Late}"));
            output.WriteLine($"  {"latency",-22}{"count",10}{"p50",12}{"p90",12}{"p99",12}{"p99.9",12}{"max",12}");
            output.WriteLine(Row("corrected (intended)", scenario.Corrected));
            output.WriteLine(Row("uncorrected (actual)", scenario.Uncorrected));
            foreach (var step in scenario.Steps)
            {
                output.WriteLine(Row($"step {step.Name}", step.Latency));
                foreach (var (phase, summary) in step.Phases)
                {
                    output.WriteLine(Row($"  {phase}", summary));
                }
            }

            if (scenario.Errors.Count > 0)
            {
                output.WriteLine("  errors: " + string.Join(", ", scenario.Errors.Select(e => $"{e.Key} {e.Value}")));
            }

            if (thresholds.TryGetValue(scenario.Name, out var checks))
            {
                foreach (var check in checks)
                {
                    output.WriteLine($"  threshold {(check.Passed ? "PASS" : "FAIL")}  {check.Description}");
                }
            }
        }
    }

    private static string Row(string label, LatencySummary s) =>
        $"  {label,-22}{s.Count,10}{M(s.P50Us),12}{M(s.P90Us),12}{M(s.P99Us),12}{M(s.P999Us),12}{M(s.MaxUs),12}";

    private static string M(long micros) => DurationParser.FormatMicros(micros);
}
