using Latency.Bench.Harness;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.Bench.Study;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Cli;

/// <summary>Carries out <c>latency run</c>: plan, start the engine with a run directory and progress, report, exit code.</summary>
public static class RunExecutor
{
    public static async Task<int> ExecuteAsync(RunRequest request, TextWriter output, TextWriter error)
    {
        try
        {
            RunPlan plan;
            IReadOnlyList<ScenarioProps> scenarios;
            StudyPreparation? study = null;
            try
            {
                plan = RunPlanner.Plan(request, () => DateTimeOffset.UtcNow);
                scenarios = plan.Suite.Scenarios.Select(s => HttpScenarioFactory.Create(s)).ToList();
                var (_, planErrors) = scenarios.Count > 0 ? LoadEngine.Plan(scenarios) : ([], []);
                if (planErrors.Count > 0)
                {
                    throw new InputValidationException(planErrors);
                }

                if (plan.Suite.Study is { } definition)
                {
                    study = StudyPreparation.Prepare(plan.Suite, definition, plan.DurationLimit);
                }
            }
            catch (InputValidationException ex)
            {
                foreach (var problem in ex.Errors)
                {
                    await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                await error.WriteLineAsync($"latency: {ex.Errors.Count} problem(s); nothing was run.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (study is not null)
            {
                if (request.SuitePath is null)
                {
                    await output.WriteLineAsync("No suite given: running the default study (scenarios/suites/default.yaml) over the emulated world.")
                        .ConfigureAwait(false);
                }

                using var signals = new StopSignals(signal => output.WriteLine($"{signal}: stopping; writing what was recorded"));
                var code = await new StudyExecutor(output, error).RunAsync(study, plan.OutDirectory,
                    new SuiteInfo { Name = plan.Suite.Name, File = request.SuitePath }, !request.NoProgress, signals.Token).ConfigureAwait(false);
                if (File.Exists(Path.Combine(plan.OutDirectory, RunManifest.FileName)))
                {
                    var report = await Reports.Study.StudyReportWriter.WriteReportAsync(plan.OutDirectory, plan.OutDirectory).ConfigureAwait(false);
                    if (report.Finding is { } finding)
                    {
                        await output.WriteLineAsync(finding).ConfigureAwait(false);
                    }

                    // The report's headline last, next to where the report is: the line a reader of the log sees.
                    if (report.Headline is { } headline)
                    {
                        await output.WriteLineAsync(headline).ConfigureAwait(false);
                    }

                    await output.WriteLineAsync($"Report: {report.Files.FirstOrDefault(f => f.EndsWith("report.html", StringComparison.Ordinal)) ?? plan.OutDirectory}")
                        .ConfigureAwait(false);
                }

                return code;
            }

            return await RunAsync(plan, scenarios, request, output, error).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"latency: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
        catch (Exception ex)
        {
            // A bug of ours, not the user's input: say what happened in one line; the details are for a bug report.
            await error.WriteLineAsync($"latency: run failed: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("LATENCY_DEBUG") == "1")
            {
                await error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }
            else
            {
                await error.WriteLineAsync("(set LATENCY_DEBUG=1 to see the stack trace)").ConfigureAwait(false);
            }

            return ExitCodes.RunFailed;
        }
    }

    private static async Task<int> RunAsync(RunPlan plan, IReadOnlyList<ScenarioProps> scenarios, RunRequest request,
        TextWriter output, TextWriter error)
    {
        var suiteInfo = new SuiteInfo { Name = plan.Suite.Name, File = request.SuitePath, Description = request.Url is null ? null : $"latency run --url {request.Url}" };
        var started = RunManifestBuilder.Started(suiteInfo, RunManifestBuilder.Environment(NetworkBackend.Direct), DateTimeOffset.UtcNow);
        await using var sink = await RunDirectorySink.CreateAsync(plan.OutDirectory, started, CancellationToken.None).ConfigureAwait(false);
        var progress = new ProgressView(output, live: !request.NoProgress && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out),
            enabled: !request.NoProgress);
        using var signals = new StopSignals(signal => progress.Notice($"{signal}: stopping; writing what was recorded (press Ctrl-C again to quit at once)"));
        var engine = new LoadEngine(new EngineOptions
        {
            DurationLimit = plan.DurationLimit,
            OnInterval = sink.Append,
            OnProgress = progress.Update,
        });
        await output.WriteLineAsync($"Run directory: {plan.OutDirectory}").ConfigureAwait(false);
        using var harness = HarnessWatch.Start(null, null);
        var run = engine.RunAsync(scenarios, signals.Token);
        await progress.ShowUntilAsync(run).ConfigureAwait(false);
        var result = await run.ConfigureAwait(false);
        var (manifest, thresholds) = await RunCompletion.CompleteAsync(sink, started, result, null,
            await harness.StopAsync(result.EndedUtc).ConfigureAwait(false)).ConfigureAwait(false);
        SummaryPrinter.Print(output, manifest, thresholds);
        return await RunCompletion.ExitCodeAsync(result, thresholds, plan.OutDirectory, error).ConfigureAwait(false);
    }
}
