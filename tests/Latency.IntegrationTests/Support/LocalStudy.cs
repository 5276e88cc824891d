using System.Net;
using Latency.World.Backend;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// <c>world: none</c> studies from probe lab-desk against local servers standing in for real services, each workload
/// at 300 sessions a minute, run the way <c>latency run</c> runs them.
/// </summary>
public static class LocalStudy
{
    /// <summary>Writes the suite <c>NAME.yaml</c> into <paramref name="temp"/> and returns its path.</summary>
    /// <param name="temp">Holds the workload files, and gets the suite.</param>
    /// <param name="name">The suite's name.</param>
    /// <param name="duration">The study's duration, e.g. "5s".</param>
    /// <param name="origin">The origin deployment's name and URL.</param>
    /// <param name="inRegion">The in-region deployment's name and URL.</param>
    /// <param name="extraStudyLine">A further line of the study section (e.g. thresholds), or empty.</param>
    /// <param name="workloadFiles">Workload files in <paramref name="temp"/>.</param>
    public static string Suite(TempDirectory temp, string name, string duration, (string Name, Uri Url) origin, (string Name, Uri Url) inRegion,
        string extraStudyLine, params string[] workloadFiles)
    {
        ArgumentNullException.ThrowIfNull(temp);
        var workloads = string.Join("\n", workloadFiles.Select(f => $"    - {{ file: {f}, sessions_per_minute: 300 }}"));
        return temp.File(name + ".yaml", $$"""
            version: 1
            name: {{name}}
            study:
              world: none
              duration: {{duration}}
              compare:
                - { probe: lab-desk, deployments: [{{origin.Name}}, {{inRegion.Name}}] }
              endpoints:
                {{origin.Name}}: {{origin.Url}}
                {{inRegion.Name}}: {{inRegion.Url}}
              workloads:
            {{workloads}}
              {{extraStudyLine}}
            """);
    }

    /// <summary>
    /// Runs a study of <paramref name="workloadFiles"/> against two local handset backends, origin and near; the run
    /// directory is <c>run</c> under <paramref name="temp"/>.
    /// </summary>
    /// <param name="temp">Holds the workload files, and gets the suite and the run directory.</param>
    /// <param name="name">The suite's name.</param>
    /// <param name="duration">The study's duration, e.g. "5s".</param>
    /// <param name="workloadFiles">Workload files in <paramref name="temp"/>.</param>
    /// <param name="extraStudyLine">A further line of the study section (e.g. thresholds), or empty.</param>
    public static async Task<(CliRun.Outcome Outcome, string OutDir)> RunAsync(TempDirectory temp, string name, string duration,
        IReadOnlyList<string> workloadFiles, string extraStudyLine = "")
    {
        ArgumentNullException.ThrowIfNull(temp);
        await using var origin = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        await using var near = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        var suite = Suite(temp, name, duration, ("origin", origin.BaseUrl), ("near", near.BaseUrl), extraStudyLine, [.. workloadFiles]);
        var outDir = Path.Combine(temp.Path, "run");
        var outcome = await CliRun.InProcessAsync("run", suite, "--out", outDir, "--no-progress");
        return (outcome, outDir);
    }
}
