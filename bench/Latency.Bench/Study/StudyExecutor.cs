using System.Text.Json;
using Latency.Bench.Calibration;
using Latency.Bench.Cli;
using Latency.Bench.Harness;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.RunDirectory;
using Latency.World.Network;
using Latency.World.Runtime;

namespace Latency.Bench.Study;

/// <summary>
/// Runs a study over the emulated world: brings the world up when none is (and takes it down after), calibrates
/// the study's paths quickly (every report embeds the table), runs the sessions, prints the per-country table and
/// writes the run directory.
/// </summary>
public sealed class StudyExecutor(TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(StudyPreparation preparation, string outDirectory, SuiteInfo suite, bool showProgress, CancellationToken stop)
    {
        var study = preparation.Run;
        if (preparation.WorldPlan is not { } worldPlan)
        {
            // Real endpoints: probes are location labels; this machine is wherever it is.
            Directory.CreateDirectory(outDirectory);
            var endpoints = preparation.Definition.Endpoints;
            return await RunSessionsAsync(study, null, null, null, outDirectory, suite, showProgress, stop,
                (_, deployment) => new SessionTarget(deployment, endpoints[deployment], new Http.HttpClientSettings())).ConfigureAwait(false);
        }

        var controller = WorldCommand.Controller();
        // The world up must be the study's by content, not only by name: a file of one's own named like the built-in
        // world, or one edited since its world came up, would otherwise be measured on the wrong network.
        if (controller.Conflict(worldPlan) is { } conflict)
        {
            await error.WriteLineAsync($"latency: {conflict}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var running = controller.Running();
        var weStartedIt = false;
        if (running is null)
        {
            if (!NamespaceTopology.HasNetAdmin)
            {
                await error.WriteLineAsync("latency: not root: the world runs on loopback relays (no per-packet loss); the report says so.")
                    .ConfigureAwait(false);
            }

            await output.WriteLineAsync($"Bringing the world '{worldPlan.WorldName}' up (profile {worldPlan.Profile})...").ConfigureAwait(false);
            (running, _) = await controller.UpAsync(worldPlan, NamespaceTopology.HasNetAdmin, line => output.WriteLine("  " + line), stop,
                beforeStart: () =>
                {
                    using var authority = World.Tls.WorldCertificateAuthority.Create(worldPlan.WorldName);
                    authority.Save(controller.Directory.Path);
                }).ConfigureAwait(false);
            weStartedIt = true;
        }

        try
        {
            var problems = Check(study, running);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync(problem).ConfigureAwait(false);
                }

                return ExitCodes.BadInput;
            }

            Directory.CreateDirectory(outDirectory);
            await CalibrateAsync(study, running, controller, outDirectory, stop).ConfigureAwait(false);
            var worldEndpoints = new WorldEndpoints(running);
            return await RunSessionsAsync(study, preparation.World, running, controller.Directory, outDirectory, suite, showProgress, stop, (probe, deployment) =>
            {
                var (url, settings) = worldEndpoints.For(probe, deployment);
                return new SessionTarget(deployment, url, settings);
            }).ConfigureAwait(false);
        }
        finally
        {
            if (weStartedIt)
            {
                await output.WriteLineAsync("Taking the world down.").ConfigureAwait(false);
                await controller.DownAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static List<string> Check(StudyRun study, WorldState world)
    {
        var problems = new List<string>();
        foreach (var cell in study.Cells)
        {
            foreach (var deployment in cell.Deployments.Concat(cell.FixedRoles.Values).Distinct())
            {
                if (!world.Paths.Any(p => p.Probe == cell.Probe && p.Deployment == deployment))
                {
                    problems.Add($"latency: the world has no path from probe '{cell.Probe}' to deployment '{deployment}' (see 'latency world status')");
                }
            }
        }

        return problems.Distinct().ToList();
    }

    private async Task CalibrateAsync(StudyRun study, WorldState world, WorldController controller, string outDirectory, CancellationToken stop)
    {
        var paths = study.Cells.SelectMany(c => c.Deployments.Select(d => $"{c.Probe}/{d}")).ToHashSet(StringComparer.Ordinal);
        await output.WriteLineAsync($"Calibrating {paths.Count} paths (connect and request round trips, loss)...").ConfigureAwait(false);
        var report = await new Calibrator(world, new CalibrationOptions
        {
            Paths = paths,
            ConnectSamples = 5,
            RequestSamples = 3,
            LossDatagrams = 500,
            ThroughputSeconds = 0,
            Parallel = 8,
            OverheadSamples = 20,
            EmulatorStats = () => controller.Directory.Read<EmulatorStats>(NetworkPart.StatsFile(controller.Directory)),
        }).RunAsync(_ => { }, stop).ConfigureAwait(false);
        await CalibrationFile.WriteAsync(outDirectory, report, stop).ConfigureAwait(false);
        CalibrationPrinter.Print(output, report);
    }

    private async Task<int> RunSessionsAsync(StudyRun study, Scenarios.Worlds.WorldDefinition? definition, WorldState? world, WorldDirectory? worldDirectory,
        string outDirectory, SuiteInfo suite, bool showProgress, CancellationToken stop, Func<string, string, SessionTarget> target)
    {
        using var warm = new WarmClients();
        var backend = world?.Backend ?? NetworkBackend.Direct;
        var sampling = study.Precision is { } precision ? new AdaptiveSampling(precision, study.Cells) : null;
        var scenarios = study.Cells.Select(cell => StudyScenarioFactory.Create(cell, target, warm, study.Duration, study.Seed, study.Thresholds, sampling))
            .ToList();
        var started = RunManifestBuilder.Started(suite, RunManifestBuilder.Environment(backend), DateTimeOffset.UtcNow);
        await using var sink = await RunDirectorySink.CreateAsync(outDirectory, started, CancellationToken.None).ConfigureAwait(false);
        var progress = new ProgressView(output, live: showProgress && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out), enabled: showProgress);
        var engine = new LoadEngine(new EngineOptions
        {
            OnInterval = sampling is null ? sink.Append : intervals => { sink.Append(intervals); sampling.Observe(intervals); },
            OnProgress = progress.Update,
        });
        await output.WriteLineAsync($"Running {scenarios.Count} probe x workload scenarios for {study.Duration.TotalMinutes:0.#} min; run directory: {outDirectory}")
            .ConfigureAwait(false);
        using var harness = HarnessWatch.Start(worldDirectory, world);
        var run = engine.RunAsync(scenarios, stop);
        using var samplingStop = new CancellationTokenSource();
        var sampler = sampling?.RunAsync(TimeProvider.System, samplingStop.Token) ?? Task.CompletedTask;
        await progress.ShowUntilAsync(run).ConfigureAwait(false);
        var result = await run.ConfigureAwait(false);
        await samplingStop.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        if (sampling is not null)
        {
            await PrintSamplingAsync(sampling).ConfigureAwait(false);
        }

        var info = Info(study, world, backend) with { PrecisionWorkloads = sampling?.Workloads ?? [], Places = StudyPlaces.From(study, definition) };
        var (_, thresholds) = await RunCompletion.CompleteAsync(sink, started, result, info,
            await harness.StopAsync(result.EndedUtc).ConfigureAwait(false)).ConfigureAwait(false);
        StudyTable.Print(output, study.Cells, result.Histograms, backend, info.Comparisons);
        return await RunCompletion.ExitCodeAsync(result, thresholds, outDirectory, error).ConfigureAwait(false);
    }

    private async Task PrintSamplingAsync(AdaptiveSampling sampling)
    {
        var results = sampling.Results;
        if (results.Count == 0)
        {
            return;
        }

        var target = (sampling.Precision * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        var reached = results.Where(r => r.ReachedAt is not null).ToList();
        await output.WriteLineAsync($"Adaptive sampling: {reached.Count} of {results.Count} cells reached a p50-gain interval within ±{target}% " +
                                    "and went back to their own rate" + (reached.Count == 0 ? "." : $" (after {string.Join(", ",
                                        reached.Select(r => $"{r.Scenario} {r.ReachedAt!.Value.TotalSeconds:0} s"))}).")).ConfigureAwait(false);
        foreach (var wide in results.Where(r => r.ReachedAt is null))
        {
            var width = double.IsFinite(wide.HalfWidth) ? $"±{wide.HalfWidth * 100:0.#}%" : "too few sessions";
            await output.WriteLineAsync($"  not reached: {wide.Scenario} ({width} when last evaluated)").ConfigureAwait(false);
        }
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
            return new RunDirectory.StudyComparison
            {
                Probe = g.Key,
                // run.json's country is for people ("India"); the world file's is the ISO code.
                Country = probe is null ? null : Latency.Scenarios.Worlds.WorldCountries.EnglishName(probe.Country),
                City = probe?.City,
                Origin = deployments[0],
                InRegion = deployments.Skip(1).ToList(),
            };
        }).ToList(),
    };
}
