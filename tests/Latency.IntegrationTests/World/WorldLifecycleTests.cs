using Latency.IntegrationTests.Support;
using Latency.World.Runtime;

namespace Latency.IntegrationTests.World;

/// <summary>world up/down through the CLI: idempotence, clean-up after kill -9, and bad world files.</summary>
[Collection(TimingSensitive.Name)]
public sealed class WorldLifecycleTests : IDisposable
{
    // A family of its own, so these tests never remove the fidelity fixture's world or a developer's.
    private const string Family = "lk";
    private readonly TempDirectory _temp = new();

    private Dictionary<string, string> Environment => WorldFixture.EnvironmentFor(Path.Combine(_temp.Path, "state"), Family);

    public void Dispose() => _temp.Dispose();

    [RequiresRootFact]
    public async Task Down_AfterKillMinus9OfTheWorld_RemovesEveryNamespaceAndInterface()
    {
        var file = _temp.File("world.yaml", WorldFixture.WorldYaml);
        var up = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(90), "world", "up", "--world", file);
        Assert.True(up.ExitCode == 0, up.Output + up.Error);
        var again = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(30), "world", "up", "--world", file);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Contains("already up", again.Output, StringComparison.Ordinal);
        var state = new WorldDirectory(Environment["LATENCY_WORLD_DIR"]).Read<WorldState>(Path.Combine(Environment["LATENCY_WORLD_DIR"], "state.json"))!;
        Assert.NotEmpty(await WorldFixture.OursLeftAsync(Family));

        foreach (var pid in state.ProcessIds)
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
            await process.WaitForExitAsync();
        }

        // The kernel keeps named namespaces after their processes die: that is what down must clean.
        Assert.NotEmpty(await WorldFixture.OursLeftAsync(Family));
        var down = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(60), "world", "down");
        Assert.True(down.ExitCode == 0, down.Output + down.Error);
        Assert.Empty(await WorldFixture.OursLeftAsync(Family));
        var downAgain = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(60), "world", "down");
        Assert.Equal(0, downAgain.ExitCode);
        Assert.Contains("nothing left behind", downAgain.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_BadWorldFile_EveryProblemWithFileAndLineExitCode2()
    {
        var yaml = WorldFixture.WorldYaml
            .Replace("country: IN", "country: XX", StringComparison.Ordinal)
            .Replace("{ probe: p, deployment: d5, rtt_ms: { value: 5,", "{ probe: p, deployment: d5, rtt_ms: { value: -5,", StringComparison.Ordinal)
            .Replace("loss_up_pct: { value: 3,", "loss_up_pct: { value: 130,", StringComparison.Ordinal)
            .Replace("{ probe: p, deployment: d20,", "{ probe: p, deployment: nowhere,", StringComparison.Ordinal);
        var file = _temp.File("bad.yaml", yaml);

        var outcome = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(60), "world", "up", "--world", file);

        Assert.Equal(2, outcome.ExitCode);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith(file + ":", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("XX", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("-5", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("130", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("nowhere", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }
}
