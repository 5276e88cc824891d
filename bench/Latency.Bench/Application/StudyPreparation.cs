using Latency.Bench.Study;
using Latency.Scenarios.Studies;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Worlds;
using Latency.World.Runtime;

namespace Latency.Bench.Application;

/// <summary>
/// A study suite checked against its world and turned into cells: the world it needs (built-in, a file, or none
/// for real endpoints) and, per probe and workload, the deployments to compare.
/// </summary>
public sealed record StudyPreparation(StudyRun Run, StudyDefinition Definition, WorldDefinition? World, WorldPlan? WorldPlan)
{
    public static StudyPreparation Prepare(SuiteDefinition suite, StudyDefinition study, TimeSpan? durationLimit)
    {
        WorldDefinition? world = study.WorldSource switch
        {
            StudyWorldSource.Builtin => WorldFiles.Load(null),
            StudyWorldSource.File => WorldLoader.Load(study.WorldPath!),
            _ => null,
        };
        if (world is not null && study.Validate(world) is { Count: > 0 } errors)
        {
            throw new InputValidationException(errors);
        }

        if (world is null && study.ResidencyProblems(null).ToList() is { Count: > 0 } residencyErrors)
        {
            throw new InputValidationException(residencyErrors);
        }

        var roles = study.Roles.ToDictionary(r => r.Role, r => r.Deployment, StringComparer.Ordinal);
        var cells = study.Compare.SelectMany(comparison => study.Workloads.Select(workload =>
            new StudyCell(comparison.Probe, comparison.Deployments, workload.Workload, workload.SessionsPerMinute, roles)
            {
                MaxSessionsPerMinute = study.Precision is null ? null : workload.MaxSessionsPerMinute,
            })).ToList();
        // Check the arrivals now, not after a world has been brought up for nothing.
        var problems = cells.Take(1).SelectMany(cell => Scenarios.Load.LoadSimulationValidator.Validate([StudyScenarioFactory.Arrivals(cell, durationLimit ?? study.Duration)]))
            .Select(p => new ValidationError(study.Location, $"study duration: {p.Message}")).ToList();
        if (problems.Count > 0)
        {
            throw new InputValidationException(problems);
        }

        var run = new StudyRun(suite.Name, durationLimit ?? study.Duration, study.Seed, cells, study.Thresholds.Select(t => t.Text).ToList())
        {
            MaxErrorRate = study.MaxErrorRate,
            PracticalDifference = study.PracticalDifference,
            Precision = study.Precision,
            Radio = study.Radio,
            Residency = study.ResolveResidency(world),
        };
        var plan = world is null ? null : WorldPlanner.Plan(world, study.Profile, study.WorldSource == StudyWorldSource.File ? Path.GetFullPath(study.WorldPath!) : null);
        return new StudyPreparation(run, study, world, plan);
    }
}
