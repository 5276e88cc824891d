using Latency.RunDirectory;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>
/// <c>latency run</c> as a use case: checks the request (<see cref="RunPlanner"/>, every problem at once), then runs
/// the suite's scenarios into a run directory, or hands its study to <see cref="StudyService"/>. Returns facts
/// (<see cref="RunOutcome"/>); what is shown along the way goes to the observer; exit codes are the caller's.
/// </summary>
public sealed class RunService(IRunObserver observer)
{
    /// <summary>Runs what <paramref name="request"/> asks for; input problems come back in the outcome, nothing run.</summary>
    /// <param name="request">The options as typed.</param>
    /// <param name="stop">Stops the run gracefully: what was recorded is kept, marked partial.</param>
    public async Task<RunOutcome> RunAsync(RunRequest request, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        RunPlan plan;
        try
        {
            plan = RunPlanner.Plan(request, () => DateTimeOffset.UtcNow);
        }
        catch (InputValidationException ex)
        {
            return RunOutcome.Rejected(ex.Errors);
        }

        if (request.Force)
        {
            // Only now, with every input checked: a refused run must leave the directory as it was.
            RunDirectoryTarget.Empty(plan.OutDirectory);
        }

        if (plan.Study is not null && request.Nats is not null)
        {
            return await RunDistributedAsync(request, plan, stop).ConfigureAwait(false);
        }

        if (plan.Study is { } study)
        {
            if (request.SuitePath is null)
            {
                observer.Line("No suite given: running the default study (scenarios/suites/default.yaml) over the emulated world.");
            }

            return await new StudyService(observer).RunAsync(study, plan.OutDirectory,
                new SuiteInfo { Name = plan.Suite.Name, File = request.SuitePath }, stop).ConfigureAwait(false);
        }

        observer.Line($"Run directory: {plan.OutDirectory}");
        var measurement = await EngineRun.RunAsync(new EngineRunSpec
        {
            OutDirectory = plan.OutDirectory,
            Suite = new SuiteInfo
            {
                Name = plan.Suite.Name,
                File = request.SuitePath,
                Description = request.Url is null ? null : $"latency run --url {request.Url}",
            },
            Backend = NetworkBackend.Direct,
            Scenarios = plan.Scenarios,
            DurationLimit = plan.DurationLimit,
        }, observer, stop).ConfigureAwait(false);
        observer.RunMeasured(measurement);
        return RunOutcome.Ran(plan.OutDirectory, measurement);
    }

    private async Task<RunOutcome> RunDistributedAsync(RunRequest request, RunPlan plan, CancellationToken stop)
    {
        var distributed = new DistributedRunRequest(new Distributed.NatsEndpoint(request.Nats!, request.NatsCredentials),
            Parse(request.WaitAgents) ?? DistributedRunRequest.DefaultWaitAgents,
            Parse(request.ClockBound)?.TotalMilliseconds ?? DistributedRunRequest.DefaultClockUncertaintyBoundMs);
        var suite = new SuiteInfo { Name = plan.Suite.Name, File = request.SuitePath };
        var service = new DistributedRunService(observer, TimeProvider.System);
        if (request.SuitePath is { } path)
        {
            return await service.RunAsync(plan, distributed, path, suite, stop).ConfigureAwait(false);
        }

        // The built-in default study is sent as its files: extracted to a private folder for the bundle, then removed.
        observer.Line("No suite given: running the default study (scenarios/suites/default.yaml) on the agents.");
        var root = Directory.CreateTempSubdirectory(DefaultStudy.FolderPrefix);
        try
        {
            return await service.RunAsync(plan, distributed, DefaultStudy.Extract(root.FullName), suite, stop).ConfigureAwait(false);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static TimeSpan? Parse(string? duration) =>
        duration is not null && Scenarios.Suites.DurationParser.TryParse(duration, out var parsed, out _) ? parsed : null;
}
