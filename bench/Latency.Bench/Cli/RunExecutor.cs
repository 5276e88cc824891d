using System.Net;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.Reports.RunDirectory;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using Latency.World.Backend;

namespace Latency.Bench.Cli;

/// <summary>Carries out <c>latency run</c>: plan, start the engine with a run directory and progress, report, exit code.</summary>
public static class RunExecutor
{
    public static async Task<int> ExecuteAsync(RunRequest request, TextWriter output, TextWriter error)
    {
        HandsetBackend? backend = null;
        try
        {
            var demo = request.SuitePath is null && request.Url is null && request.Rate is null;
            if (demo)
            {
                backend = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None).ConfigureAwait(false);
            }

            RunPlan plan;
            IReadOnlyList<ScenarioProps> scenarios;
            try
            {
                plan = RunPlanner.Plan(request, () => DateTimeOffset.UtcNow, backend?.BaseUrl);
                scenarios = plan.Suite.Scenarios.Select(s => HttpScenarioFactory.Create(s)).ToList();
                var (_, planErrors) = LoadEngine.Plan(scenarios);
                if (planErrors.Count > 0)
                {
                    throw new InputValidationException(planErrors);
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

            if (backend is not null)
            {
                await output.WriteLineAsync($"No suite given: running the built-in demo against a handset backend on {backend.BaseUrl} " +
                                            "(the emulated world replaces it in a later version).").ConfigureAwait(false);
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
        finally
        {
            if (backend is not null)
            {
                await backend.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> RunAsync(RunPlan plan, IReadOnlyList<ScenarioProps> scenarios, RunRequest request,
        TextWriter output, TextWriter error)
    {
        var suiteInfo = new SuiteInfo { Name = plan.Suite.Name, File = request.SuitePath, Description = request.Url is null ? null : $"latency run --url {request.Url}" };
        var started = RunManifestBuilder.Started(suiteInfo, RunManifestBuilder.Environment("direct"), DateTimeOffset.UtcNow);
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
        var run = engine.RunAsync(scenarios, signals.Token);
        await progress.ShowUntilAsync(run).ConfigureAwait(false);
        var result = await run.ConfigureAwait(false);

        var thresholds = result.Scenarios.ToDictionary(o => o.Props.Name, o => ThresholdChecks.Evaluate(o, result.Histograms));
        var manifest = RunManifestBuilder.Finished(started, result, thresholds);
        await sink.CompleteAsync(manifest, CancellationToken.None).ConfigureAwait(false);
        SummaryPrinter.Print(output, manifest, thresholds);

        if (result.Status != RunStatus.Complete)
        {
            await error.WriteLineAsync($"latency: run {result.Status.ToString().ToLowerInvariant()}: {result.StatusReason}. " +
                                       $"What was recorded is in {plan.OutDirectory}.").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        var failed = thresholds.Values.SelectMany(t => t).Count(t => !t.Passed);
        if (failed > 0)
        {
            await error.WriteLineAsync($"latency: {failed} threshold(s) failed.").ConfigureAwait(false);
            return ExitCodes.ThresholdsFailed;
        }

        return ExitCodes.Ok;
    }
}
