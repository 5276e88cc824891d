using Latency.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Study;

/// <summary>
/// Issue 10, point 10, through the real CLI: a study over a world file of its own labels its table as the report does,
/// and a world up from other content under the same name (the file edited since) is refused, never measured. Works
/// as root (namespaces) and without (relays); each test keeps its own state directory and name prefix.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class StudyOwnWorldTests(ITestOutputHelper output) : IDisposable
{
    // One probe in Malaysia, Beijing far and Singapore near.
    private const string WorldYaml = """
        version: 1
        name: small
        profiles:
          typical: "the only profile"
        probes:
          - name: kuala-lumpur
            country: MY
            city: Kuala Lumpur
            last_mile:
              rtt_ms: { value: 0, assumption: "test world: no last mile" }
              down_mbps: { value: 1000, assumption: "test world: ample" }
              up_mbps: { value: 1000, assumption: "test world: ample" }
        deployments:
          - { name: beijing, site: test, role: origin, serves: CN }
          - { name: singapore, site: test, role: in-region, serves: MY }
        paths:
          - { probe: kuala-lumpur, deployment: beijing, rtt_ms: { value: 60, assumption: "test" } }
          - { probe: kuala-lumpur, deployment: singapore, rtt_ms: { value: 10, assumption: "test" } }
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_StudyOverItsWorld_TableNamesCountriesAndWorkloadsAsTheReport()
    {
        var suite = WriteStudy();
        var outDir = Path.Combine(_temp.Path, "run");

        var run = await CliRun.ChildAsync(Environment("lxa"), TimeSpan.FromMinutes(3), "run", suite, "--duration", "3s", "--out", outDir, "--no-progress");
        output.WriteLine(run.Output + run.Error);

        Assert.True(run.ExitCode == 0, run.Error);
        // The study's table names rows with the report's "Malaysia (Kuala Lumpur)" and "OTA check", not the probe's and
        // workload's names (the calibration table before it names paths by probe, as `calibrate --path` takes them).
        var table = run.Output[run.Output.IndexOf("Session time by country", StringComparison.Ordinal)..];
        Assert.Matches(@"(?m)^\s+Malaysia \(Kuala Lumpur\)\s+OTA check\s+beijing\s+\S+\s+\S+\s+singapore\s", table);
        Assert.DoesNotContain("kuala-lumpur", table, StringComparison.Ordinal);
        Assert.DoesNotContain("ota-check", table, StringComparison.Ordinal);
        Assert.Contains("Malaysia (Kuala Lumpur)", await File.ReadAllTextAsync(Path.Combine(outDir, "report.md")), StringComparison.Ordinal);
        Assert.Empty(await WorldFixture.OursLeftAsync("lxa"));
    }

    [Fact]
    public async Task Run_WorldUpFromAnEditedFile_RefusedExitCode2NothingRun()
    {
        var environment = Environment("lxb");
        var suite = WriteStudy();
        var world = Path.Combine(_temp.Path, "small.yaml");
        var up = await CliRun.ChildAsync(environment, TimeSpan.FromSeconds(90), "world", "up", "--world", world);
        Assert.True(up.ExitCode == 0, up.Output + up.Error);
        try
        {
            // Same name and profile, same path, other content: before, the study ran on the 10 ms path that is up.
            await File.WriteAllTextAsync(world, WorldYaml.Replace("rtt_ms: { value: 10,", "rtt_ms: { value: 40,", StringComparison.Ordinal));
            var outDir = Path.Combine(_temp.Path, "run");

            var run = await CliRun.ChildAsync(environment, TimeSpan.FromMinutes(2), "run", suite, "--duration", "3s", "--out", outDir, "--no-progress");
            var again = await CliRun.ChildAsync(environment, TimeSpan.FromSeconds(60), "world", "up", "--world", world);
            output.WriteLine(run.Output + run.Error + again.Output + again.Error);

            const string Refusal = "latency: world 'small' is up from a different file (content differs): up from ";
            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith(Refusal + world + " (sha256 ", run.Error, StringComparison.Ordinal);
            Assert.Contains($"wanted from {world} (sha256 ", run.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(outDir), "nothing should run, so no run directory");
            // `world up` with the edited file used to answer "already up" (it compared the path).
            Assert.Equal(2, again.ExitCode);
            Assert.StartsWith(Refusal, again.Error, StringComparison.Ordinal);
        }
        finally
        {
            var down = await CliRun.ChildAsync(environment, TimeSpan.FromSeconds(60), "world", "down");
            Assert.True(down.ExitCode == 0, down.Output + down.Error);
        }

        Assert.Empty(await WorldFixture.OursLeftAsync("lxb"));
    }

    /// <summary>small.yaml, ota-check.yaml and the study suite naming them; returns the suite's path.</summary>
    private string WriteStudy()
    {
        _temp.File("small.yaml", WorldYaml);
        _temp.File("ota-check.yaml", """
            version: 1
            name: ota-check
            description: "one request"
            steps:
              - request: { name: check, response_bytes: 100 }
            """);
        return _temp.File("study.yaml", """
            version: 1
            name: small-study
            study:
              world: small.yaml
              duration: 1m
              compare:
                - { probe: kuala-lumpur, deployments: [beijing, singapore] }
              workloads:
                - { file: ota-check.yaml, sessions_per_minute: 120 }
            """);
    }

    private Dictionary<string, string> Environment(string family) => new()
    {
        ["LATENCY_WORLD_DIR"] = Path.Combine(_temp.Path, "state-" + family),
        ["LATENCY_WORLD_PREFIX_FAMILY"] = family,
    };
}
