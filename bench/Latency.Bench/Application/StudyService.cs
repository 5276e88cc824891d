using Latency.Bench.Calibration;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Bench.Study;
using Latency.Reports.Study;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;
using Latency.World.Runtime;

namespace Latency.Bench.Application;

/// <summary>
/// Runs a study: its world (the one up, or brought up for the study and taken down after), a quick calibration of
/// the study's paths (every report embeds the table), the sessions into a run directory, and the study report.
/// Returns facts (<see cref="RunOutcome"/>); what is shown along the way goes to the observer.
/// </summary>
public sealed class StudyService(IRunObserver observer)
{
    /// <summary>Runs <paramref name="preparation"/> into <paramref name="outDirectory"/> and writes its report there.</summary>
    /// <param name="preparation">The study, checked and split into cells (<see cref="RunPlanner"/>).</param>
    /// <param name="outDirectory">The run directory.</param>
    /// <param name="suite">run.json's <c>suite</c>.</param>
    /// <param name="stop">Stops the study gracefully: what was recorded is kept, marked partial, and reported.</param>
    /// <param name="options">An agent's part of a distributed run; null: a local run.</param>
    public async Task<RunOutcome> RunAsync(StudyPreparation preparation, string outDirectory, SuiteInfo suite, CancellationToken stop,
        StudyRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        options ??= StudyRunOptions.Local;
        var outcome = await MeasureAsync(preparation, outDirectory, suite, options, stop).ConfigureAwait(false);
        if (outcome.RunDirectory is null || !options.WriteReport)
        {
            return outcome;
        }

        var report = await StudyReportWriter.WriteReportAsync(outDirectory, outDirectory).ConfigureAwait(false);
        return outcome with { Report = report };
    }

    private async Task<RunOutcome> MeasureAsync(StudyPreparation preparation, string outDirectory, SuiteInfo suite, StudyRunOptions options,
        CancellationToken stop)
    {
        var study = preparation.Run;
        if (preparation.WorldPlan is not { } worldPlan)
        {
            // Real endpoints: probes are location labels; this machine is wherever it is.
            var endpoints = preparation.Definition.Endpoints;
            return await RunSessionsAsync(study, null, null, outDirectory, suite, options, stop,
                (_, deployment) => new SessionTarget(deployment, endpoints[deployment], new HttpClientSettings())).ConfigureAwait(false);
        }

        var (session, conflict) = await WorldSession.OpenAsync(worldPlan, observer, stop).ConfigureAwait(false);
        if (session is null)
        {
            return RunOutcome.Rejected([conflict!]);
        }

        await using (session.ConfigureAwait(false))
        {
            if (MissingPaths(study, session.State) is { Count: > 0 } problems)
            {
                return RunOutcome.Rejected(problems);
            }

            Directory.CreateDirectory(outDirectory);
            await CalibrateAsync(study, session, outDirectory, stop).ConfigureAwait(false);
            var worldEndpoints = new WorldEndpoints(session.State);
            return await RunSessionsAsync(study, preparation.World, session, outDirectory, suite, options, stop, (probe, deployment) =>
            {
                var (url, settings) = worldEndpoints.For(probe, deployment);
                return new SessionTarget(deployment, url, settings);
            }).ConfigureAwait(false);
        }
    }

    /// <summary>The study's paths the running world lacks (the world file was checked; this checks the world that is up).</summary>
    private static List<ValidationError> MissingPaths(StudyRun study, WorldState world) =>
        study.Cells
            .SelectMany(cell => cell.Deployments.Concat(cell.FixedRoles.Values).Distinct()
                .Where(deployment => !world.Paths.Any(p => p.Probe == cell.Probe && p.Deployment == deployment))
                .Select(deployment => $"the world has no path from probe '{cell.Probe}' to deployment '{deployment}' (see 'latency world status')"))
            .Distinct()
            .Select(message => new ValidationError(null, message))
            .ToList();

    private async Task CalibrateAsync(StudyRun study, WorldSession world, string outDirectory, CancellationToken stop)
    {
        var paths = study.Cells.SelectMany(c => c.Deployments.Select(d => $"{c.Probe}/{d}")).ToHashSet(StringComparer.Ordinal);
        observer.Line($"Calibrating {paths.Count} paths (connect and request round trips, loss)...");
        var report = await CalibrationService.MeasureAsync(world.Controller.Directory, world.State, new CalibrationOptions
        {
            Paths = paths,
            ConnectSamples = 5,
            RequestSamples = 3,
            LossDatagrams = 500,
            ThroughputSeconds = 0,
            Parallel = 8,
            OverheadSamples = 20,
            // The radio's measurement waits ~1.1 x the tail timer; `latency calibrate` does it. A study's sessions
            // must also find the calibration handsets' radios as the pool believes them, which skipping guarantees.
            RadioSamples = 0,
        }, _ => { }, stop).ConfigureAwait(false);
        await CalibrationFile.WriteAsync(outDirectory, report, stop).ConfigureAwait(false);
        observer.Calibrated(report);
    }

    private async Task<RunOutcome> RunSessionsAsync(StudyRun study, Scenarios.Worlds.WorldDefinition? definition, WorldSession? world,
        string outDirectory, SuiteInfo suite, StudyRunOptions options, CancellationToken stop, Func<string, string, SessionTarget> target)
    {
        using var warm = new WarmClients();
        var backend = world?.State.Backend ?? NetworkBackend.Direct;
        var sampling = study.Precision is { } precision ? new AdaptiveSampling(precision, study.Cells) : null;
        var handsets = StudyHandsets.Create(study.Radio, study.Cells.Select(c => c.Probe), world?.State, definition, TimeProvider.System);
        // The emulator's ledger of radio waits, for each session's radio time; a world from before it has none.
        using var ledger = handsets.Radio == StudyHandsets.On && world is not null
            ? World.Radio.RadioLedger.OpenRead(world.Controller.Directory.RadioLedgerFile)
            : null;
        var meter = ledger is null ? null : new RadioMeter(ledger);
        var residency = new ResidencyTally();
        var (scenarios, problems) = LoadEngine.Plan(study.Cells
            .Select(cell => StudyScenarioFactory.Create(cell, target, warm, study.Duration, study.Seed, study.Thresholds, sampling,
                handsets.For(cell.Probe), meter, options.Share, residency)).ToList());
        if (problems.Count > 0)
        {
            return RunOutcome.Rejected(problems);
        }

        var info = Info(study, world?.State, backend) with { PrecisionWorkloads = sampling?.Workloads ?? [], Places = StudyPlaces.From(study, definition) };
        ReportRadio(handsets, backend);
        observer.Line($"Running {scenarios.Count} probe x workload scenarios for {study.Duration.TotalMinutes:0.#} min; run directory: {outDirectory}");
        var measurement = await EngineRun.RunAsync(new EngineRunSpec
        {
            OutDirectory = outDirectory,
            Suite = suite,
            Backend = backend,
            Scenarios = scenarios,
            WorldDirectory = world?.Controller.Directory,
            World = world?.State,
            Study = info,
            CompleteStudy = info => handsets.Complete(info) with { Residency = residency.ToInfo(study.Residency) },
            CompleteManifest = manifest => ResidencyThresholdChecks.Apply(manifest, study.Residency.Thresholds),
            AlsoOnInterval = sampling is null ? null : sampling.Observe,
            Alongside = sampling is null ? null : samplingStop => sampling.RunAsync(TimeProvider.System, samplingStop),
            MirrorLog = options.MirrorLog,
            BeforeStart = options.BeforeStart,
        }, observer, stop).ConfigureAwait(false);
        if (handsets.Radio == StudyHandsets.On)
        {
            observer.Line($"Handsets: {handsets.Sessions:N0} sessions, {handsets.Shortfalls:N0} found no handset idle as long as their workload's idle_before asked");
        }

        observer.StudyMeasured(new StudyMeasurement(study, measurement, backend, info.Comparisons,
            sampling is null ? null : (sampling.Precision, sampling.Results)));
        return RunOutcome.Ran(outDirectory, measurement);
    }

    // Once, before the sessions: whether the phones' radio is in the measurement, and if not, why.
    private void ReportRadio(StudyHandsets handsets, NetworkBackend backend)
    {
        if (handsets.Radio == StudyHandsets.NotModelled)
        {
            observer.Warning($"radio not modelled: the {backend.Name()} backend has no simulated handsets, so sessions send from each probe's " +
                             "own address and workloads' idle_before has no effect (the tun backend models the radio; or set 'radio: off' to say so)");
            return;
        }

        observer.Line(handsets.Radio == StudyHandsets.On
            ? "Radio: on (each session sends from a handset of its probe, chosen to have been idle as long as its workload's idle_before)" +
              (handsets.ProbesWithoutRadio.Count == 0 ? "" : $"; not modelled at {string.Join(", ", handsets.ProbesWithoutRadio)} (no radio in the world file)")
            : "Radio: off (sessions send from each probe's own address)");
    }

    private static StudyInfo Info(StudyRun study, WorldState? world, NetworkBackend backend) => new()
    {
        Name = study.Name,
        World = world?.WorldName ?? "none (real endpoints)",
        Profile = world?.Profile,
        Backend = backend,
        MaxErrorRate = study.MaxErrorRate,
        PracticalDifference = study.PracticalDifference,
        Precision = study.Precision,
        Comparisons = study.Cells.GroupBy(c => c.Probe).Select(g =>
        {
            var probe = world?.Probes.FirstOrDefault(p => p.Name == g.Key);
            var deployments = g.First().Deployments;
            return new StudyComparison
            {
                Probe = g.Key,
                // run.json's country is for people ("India"); the world file's is the ISO code.
                Country = probe is null ? null : Scenarios.Worlds.WorldCountries.EnglishName(probe.Country),
                City = probe?.City,
                Origin = deployments[0],
                InRegion = deployments.Skip(1).ToList(),
            };
        }).ToList(),
    };
}
