using System.Diagnostics;
using Latency.IntegrationTests.Support;
using Latency.World.Runtime;

namespace Latency.IntegrationTests.World;

/// <summary>
/// A small world made for measuring the emulator, brought up once for a test class with the real CLI
/// (<c>latency world up --world FILE</c>, in a state directory and with a name prefix of its own, so a developer's
/// world is never touched) and taken down after, checking that nothing of it is left behind.
/// </summary>
public sealed class WorldFixture : IAsyncLifetime
{
    public const string PrefixFamily = "lt";

    /// <summary>
    /// Paths from probe <c>p</c>: d5, d20, d80, d300 (that RTT, nothing else), dloss (3% loss up), dbw (10 Mbit/s down),
    /// dup (5 Mbit/s up).
    /// </summary>
    public const string WorldYaml = """
        version: 1
        name: fidelity
        profiles:
          typical: "the only profile"
        probes:
          - name: p
            country: IN
            city: Test
            last_mile:
              rtt_ms: { value: 0, assumption: "test world: no last mile, so the path RTT is exact" }
              down_mbps: { value: 1000, assumption: "test world: ample" }
              up_mbps: { value: 1000, assumption: "test world: ample" }
        deployments:
          - { name: d5, site: test, role: in-region, serves: IN }
          - { name: d20, site: test, role: in-region, serves: IN }
          - { name: d80, site: test, role: in-region, serves: IN }
          - { name: d300, site: test, role: origin, serves: CN }
          - { name: dloss, site: test, role: in-region, serves: IN }
          - { name: dbw, site: test, role: in-region, serves: IN }
          - { name: dup, site: test, role: in-region, serves: IN }
        paths:
          - { probe: p, deployment: d5, rtt_ms: { value: 5, assumption: "test" } }
          - { probe: p, deployment: d20, rtt_ms: { value: 20, assumption: "test" } }
          - { probe: p, deployment: d80, rtt_ms: { value: 80, assumption: "test" } }
          - { probe: p, deployment: d300, rtt_ms: { value: 300, assumption: "test" } }
          - probe: p
            deployment: dloss
            rtt_ms: { value: 10, assumption: "test" }
            loss_up_pct: { value: 3, assumption: "test" }
          - probe: p
            deployment: dbw
            rtt_ms: { value: 20, assumption: "test" }
            bandwidth_down_mbps: { value: 10, assumption: "test" }
          - probe: p
            deployment: dup
            rtt_ms: { value: 20, assumption: "test" }
            bandwidth_up_mbps: { value: 5, assumption: "test" }
        """;

    private readonly TempDirectory _temp = new();

    public string StateDirectory => Path.Combine(_temp.Path, "state");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["LATENCY_WORLD_DIR"] = StateDirectory,
        ["LATENCY_WORLD_PREFIX_FAMILY"] = PrefixFamily,
    };

    public WorldState State { get; private set; } = null!;

    public bool Available { get; private set; }

    /// <summary>The paths that only delay: d5, d20, d80, d300.</summary>
    public static readonly string[] DelayPaths = ["d5", "d20", "d80", "d300"];

    private Task<List<double>[]>? _delayPathConnectTimes;

    /// <summary>
    /// 100 connect times on each of <see cref="DelayPaths"/> (in that order), measured once for the class in
    /// interleaved rounds, so a spell of machine noise touches every path a little instead of one path wholly.
    /// </summary>
    public Task<List<double>[]> DelayPathConnectTimesAsync() =>
        _delayPathConnectTimes ??= Latency.Bench.Calibration.PathProbe.InterleavedConnectTimesAsync(
            State, [.. DelayPaths.Select(d => State.Paths.Single(p => p.Deployment == d))], 100, CancellationToken.None);

    public async Task InitializeAsync()
    {
        if (!Latency.World.Network.NamespaceTopology.HasNetAdmin)
        {
            return;
        }

        var file = _temp.File("fidelity.yaml", WorldYaml);
        var up = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(90), "world", "up", "--world", file);
        Assert.True(up.ExitCode == 0, up.Output + up.Error);
        State = new WorldDirectory(StateDirectory).Read<WorldState>(Path.Combine(StateDirectory, "state.json"))!;
        Available = true;
        // A world that just started is still compiling its code in two processes on a 2-core machine: let it
        // settle and send some traffic over every path before anything is measured.
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var path in State.Paths.Where(p => p.RttMs <= 100))
        {
            await new Latency.Bench.Calibration.PathProbe(State, path).ConnectAsync(10, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (Available)
        {
            var down = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(60), "world", "down");
            Assert.True(down.ExitCode == 0, down.Output + down.Error);
            Assert.Empty(await OursLeftAsync(PrefixFamily));
        }

        _temp.Dispose();
    }

    /// <summary>Namespaces and links whose names start with the prefix family, as <c>ip</c> lists them.</summary>
    public static async Task<IReadOnlyList<string>> OursLeftAsync(string prefixFamily)
    {
        var found = new List<string>();
        foreach (var args in new[] { "netns list", "-o link show" })
        {
            using var ip = Process.Start(new ProcessStartInfo("ip", args) { RedirectStandardOutput = true })!;
            var text = await ip.StandardOutput.ReadToEndAsync();
            await ip.WaitForExitAsync();
            found.AddRange(text.Split('\n').Where(l => l.Split(' ', ':').Any(w => w.Trim().StartsWith(prefixFamily, StringComparison.Ordinal)
                                                                                    && w.Trim().Length > prefixFamily.Length + 3)));
        }

        return found;
    }
}
