using System.Text.Json;
using Latency.IntegrationTests.Support;
using Latency.RunDirectory;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Study;

/// <summary>
/// `latency run` with no arguments: the default study over the emulated world, end to end through the real CLI
/// (shortened with --duration so CI stays quick), as root (namespaces) and as an unprivileged user (relays).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class DefaultStudyTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Probes = ["mumbai", "jakarta", "kuala-lumpur", "manila", "taipei", "ho-chi-minh-city", "bangkok"];

    // The probes as the report labels them (run.json's country and city), in the order of Probes.
    private static readonly string[] Places =
        ["India (Mumbai)", "Indonesia (Jakarta)", "Malaysia (Kuala Lumpur)", "Philippines (Manila)", "Taiwan (Taipei)", "Vietnam (Ho Chi Minh City)", "Thailand (Bangkok)"];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [RequiresRootFact]
    public async Task Run_NoArgumentsAsRoot_EmulatedWorldPerCountryTableAndReport()
    {
        var outDir = Path.Combine(_temp.Path, "run");
        var outcome = await CliRun.ChildAsync(Environment("ld"), TimeSpan.FromMinutes(4), "run", "--duration", "10s", "--out", outDir, "--no-progress");
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        AssertTable(outcome.Output);
        Assert.Contains("emulated WAN (namespaces)", outcome.Output, StringComparison.Ordinal);
        var manifest = await RunManifestFile.ReadAsync(outDir);
        Assert.Equal(NetworkBackend.Tun, manifest.Environment.NetworkBackend);
        Assert.Equal(Probes.Order(), manifest.Study!.Comparisons.Select(c => c.Probe).Order());
        // For people, as run.json documents it: "India", not the world file's ISO code.
        var mumbai = manifest.Study.Comparisons.Single(c => c.Probe == "mumbai");
        Assert.Equal(("India", "Mumbai"), (mumbai.Country, mumbai.City));
        // Issue 11: the first screen's map from run.json's places (every probe, the origin, the in-region sites), and a
        // self-contained page under 3 MB (its size comes from the charts, one set per probe, not from the duration).
        Assert.Equal(Probes.Order(), manifest.Study.Places.Where(p => p.Kind == StudyPlace.ProbeKind).Select(p => p.Name).Order());
        Assert.Contains(manifest.Study.Places, p => p is { Kind: StudyPlace.DeploymentKind, Name: "beijing" });
        var report = Path.Combine(outDir, "report.html");
        var html = await File.ReadAllTextAsync(report);
        Assert.Contains("<figure id=\"map\"", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"grid\">", html, StringComparison.Ordinal);
        Assert.True(new FileInfo(report).Length < 3_000_000, $"report.html is {new FileInfo(report).Length:N0} bytes");
        Assert.True(File.Exists(Path.Combine(outDir, "charts", "map.svg")));
        // Issue 19: the default report says where users' data went; in-region options sent nothing to China.
        Assert.Contains("id=\"residency\"", html, StringComparison.Ordinal);
        Assert.Contains("Where users&#39; data went: China", html, StringComparison.Ordinal);
        Assert.Equal(["CN"], manifest.Study.Residency!.Forbidden);
        Assert.DoesNotContain(manifest.Study.Residency.Flows, f => f.Jurisdiction == "CN" && f.Option != "beijing");
        Assert.Contains(manifest.Study.Residency.Flows, f => f is { Option: "beijing", Jurisdiction: "CN" } && f.BytesSent > 0);
        Assert.Contains("The in-region deployment was faster in ", outcome.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "calibration.json")));
        // Issue 10, point 8: the emulator's CPU and its release lateness over the run's own packets.
        var emulator = manifest.Harness!.Emulator!;
        output.WriteLine(JsonSerializer.Serialize(manifest.Harness));
        Assert.Equal("run", emulator.LatenessScope);
        Assert.True(emulator.Forwarded > 1000, $"{emulator.Forwarded} packets forwarded");
        Assert.InRange(emulator.LatenessP99Us!.Value, emulator.LatenessP50Us!.Value, emulator.LatenessMaxUs!.Value);
        Assert.InRange(emulator.CpuCoresMean!.Value, 0.001, manifest.Harness.ProcessorCount);
        Assert.True(emulator.LatenessToUtc >= manifest.EndedUtc, $"statistics of {emulator.LatenessToUtc:O}, run ended {manifest.EndedUtc:O}");
        Assert.Empty(await WorldFixture.OursLeftAsync("ld"));
    }

    [RequiresRootFact]
    public async Task Run_NoArgumentsWithoutRoot_RelayBackendAndSaysSo()
    {
        // An unprivileged user (nobody) has no CAP_NET_ADMIN: the world must fall back to relays and say so.
        var work = Path.Combine(_temp.Path, "nobody");
        Directory.CreateDirectory(work);
        Assert.True(OperatingSystem.IsLinux());
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_temp.Path, (UnixFileMode)0x1FF);
            File.SetUnixFileMode(work, (UnixFileMode)0x1FF);
        }

        var outDir = Path.Combine(work, "run");
        var environment = Environment("lr");
        environment["LATENCY_WORLD_DIR"] = Path.Combine(work, "state");
        environment["HOME"] = work;
        environment["DOTNET_CLI_HOME"] = work;
        var program = CliRun.CopyProgramTo(Path.Combine(work, "program"));
        if (OperatingSystem.IsLinux())
        {
            foreach (var directory in Directory.GetDirectories(program, "*", SearchOption.AllDirectories).Append(program))
            {
                File.SetUnixFileMode(directory, (UnixFileMode)0x1ED); // 0755
            }
        }

        using var process = CliRun.Start(environment, ["--reuid=65534", "--regid=65534", "--clear-groups"], program,
            "run", "--duration", "10s", "--out", outDir, "--no-progress");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        var outcome = new CliRun.Outcome(process.ExitCode, await stdout, await stderr);
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("not root", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("loopback relays: no packet loss modelled", outcome.Output, StringComparison.Ordinal);
        AssertTable(outcome.Output);
        var manifest = await RunManifestFile.ReadAsync(outDir);
        Assert.Equal(NetworkBackend.Relay, manifest.Environment.NetworkBackend);
    }

    private static void AssertTable(string text)
    {
        Assert.Contains("Session time by country", text, StringComparison.Ordinal);
        foreach (var place in Places)
        {
            // Each country has a row for the main workload, labelled as in the report: figures, or "-" where the
            // shortened run drew no session for it (10 s at a few sessions a minute; each probe draws its own arrivals).
            Assert.Matches($@"(?m)^\s+{System.Text.RegularExpressions.Regex.Escape(place)}\s+App cold start\s+beijing\s+([0-9.]+|-)\s+([0-9.]+|-)\s+\S+", text);
        }

        // And the table has gains where there were sessions, e.g. "2.45x".
        Assert.Matches(@"(?m)^\s+.+\s+beijing\s+[0-9.]+\s+[0-9.]+\s+\S+\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+x", text);
    }

    private Dictionary<string, string> Environment(string family) => new()
    {
        ["LATENCY_WORLD_DIR"] = Path.Combine(_temp.Path, "state-" + family),
        ["LATENCY_WORLD_PREFIX_FAMILY"] = family,
    };
}
