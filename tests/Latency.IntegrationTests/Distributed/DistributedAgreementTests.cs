using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Latency.IntegrationTests.Support;
using Latency.RunDirectory;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Distributed;

/// <summary>
/// A distributed run over the emulated world must measure what a local run of the same suite measures: each agent
/// sends its probe's sessions from that probe's namespace, with the same seed (the same arrivals, the same order of
/// deployments). Agreement here is what two local runs of the default study reach with each other
/// (bench/results/2026-12-03T0700Z-distributed-agreement.md): for every row, origin and in region, the two runs' 95%
/// intervals of the p50 overlap, or their p50s differ by less than the study's practical difference (5%), a difference
/// the study itself would not call. (A p50 inside the other run's interval is too strict on rows whose interval is
/// 0.1-1% wide: two local runs met it for 63 of 84 rows.) The built-in world, two of the default study's probes and
/// two of its workloads, 20 seconds each.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class DistributedAgreementTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The study's default practical difference: a smaller gap is "no clear difference".</summary>
    private const double PracticalDifference = 0.05;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [RequiresRootAndNatsServerFact]
    public async Task DistributedRun_OverTheEmulatedWorld_AgreesWithALocalRunAsTwoLocalRunsDo()
    {
        var environment = WorldFixture.EnvironmentFor(_temp.File("state"), "lxd");
        var suite = WriteSuite();
        var up = await CliRun.ChildAsync(environment, TimeSpan.FromMinutes(2), "world", "up");
        Assert.True(up.ExitCode == 0, up.Output + up.Error);
        try
        {
            var local = await CliRun.ChildAsync(environment, TimeSpan.FromMinutes(4), "run", suite, "--out", _temp.File("local"), "--no-progress");
            output.WriteLine(local.Output + local.Error);
            Assert.True(local.ExitCode == 0, local.Error);

            await using var server = await NatsServer.StartAsync();
            var agents = new[] { "mumbai", "jakarta" }.Select(probe => CliRun.Start(environment, null, AppContext.BaseDirectory,
                "agent", "--nats", server.Url, "--probe", probe, "--runs", _temp.File("agent-runs"))).ToList();
            try
            {
                foreach (var agent in agents)
                {
                    Drain(agent);
                }

                var distributed = await CliRun.ChildAsync(environment, TimeSpan.FromMinutes(4), "run", suite, "--nats", server.Url,
                    "--out", _temp.File("distributed"), "--no-progress");
                output.WriteLine(distributed.Output + distributed.Error);
                Assert.True(distributed.ExitCode == 0, distributed.Error);
            }
            finally
            {
                foreach (var agent in agents.Where(a => !a.HasExited))
                {
                    agent.Kill();
                }
            }

            var manifest = await RunManifestFile.ReadAsync(_temp.File("distributed"));
            Assert.Equal(NetworkBackend.Tun, manifest.Environment.NetworkBackend);
            var localRows = await RowsAsync(_temp.File("local"));
            var distributedRows = await RowsAsync(_temp.File("distributed"));
            Assert.Equal(4, localRows.Count);
            Assert.Equal(localRows.Keys.Order(), distributedRows.Keys.Order());
            var outside = new List<string>();
            foreach (var (row, sides) in localRows)
            {
                foreach (var side in new[] { "origin", "in_region" })
                {
                    var here = sides[side];
                    var there = distributedRows[row][side];
                    var overlap = there.Lower <= here.Upper && here.Lower <= there.Upper;
                    var difference = Math.Abs(there.P50 / here.P50 - 1);
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"{row} {side}: local p50 {here.P50:0.0} ms ({here.Lower:0.0}-{here.Upper:0.0}), distributed {there.P50:0.0} ms ({there.Lower:0.0}-{there.Upper:0.0}), {difference:P1} apart");
                    output.WriteLine(line);
                    if (!overlap && difference >= PracticalDifference)
                    {
                        outside.Add(line);
                    }
                }
            }

            Assert.True(outside.Count == 0, string.Join("; ", outside));
        }
        finally
        {
            var down = await CliRun.ChildAsync(environment, TimeSpan.FromMinutes(1), "world", "down");
            Assert.True(down.ExitCode == 0, down.Output + down.Error);
        }
    }

    // summary.json: per row (probe.workload), per side, the local 95% interval of the p50 and the p50 itself.
    private static async Task<Dictionary<string, Dictionary<string, (double Lower, double Upper, double P50)>>> RowsAsync(string runDirectory)
    {
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(runDirectory, "summary.json")));
        return summary.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(
            row => row.GetProperty("scenario").GetString()!,
            row => new[] { "origin", "in_region" }.ToDictionary(side => side, side =>
            {
                var values = row.GetProperty(side);
                var interval = values.GetProperty("p50_ci");
                return (interval.GetProperty("lower_ms").GetDouble(), interval.GetProperty("upper_ms").GetDouble(), values.GetProperty("p50_ms").GetDouble());
            }));
    }

    private string WriteSuite()
    {
        foreach (var workload in new[] { "app-cold-start", "account-login" })
        {
            File.Copy(RepositoryPaths.Workload(workload), _temp.File(workload + ".yaml"));
        }

        return _temp.File("agreement.yaml", """
            version: 1
            name: agreement
            study:
              world: builtin
              duration: 20s
              seed: 7
              compare:
                - { probe: mumbai, deployments: [beijing, mumbai] }
                - { probe: jakarta, deployments: [beijing, jakarta] }
              workloads:
                - { file: app-cold-start.yaml, sessions_per_minute: 60 }
                - { file: account-login.yaml, sessions_per_minute: 60 }
            """);
    }

    private static void Drain(Process agent)
    {
        agent.OutputDataReceived += (_, _) => { };
        agent.ErrorDataReceived += (_, _) => { };
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
    }
}
