using System.Diagnostics;
using Latency.Bench.Calibration;
using Latency.World.Runtime;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// A small world made for measuring the emulator, brought up once per test run for every class of the
/// <see cref="EmulatedWorld"/> collection with the real CLI (<c>latency world up --world FILE</c>, in a state
/// directory and with a name prefix of its own, so a developer's world is never touched), measured until its paths
/// deliver their RTTs, and taken down after the collection, checking that nothing of it is left behind.
/// </summary>
public sealed class WorldFixture : IAsyncLifetime
{
    public const string PrefixFamily = "lt";

    /// <summary>
    /// The emulator's test world, scenarios/world/fidelity.yaml (the world-fidelity benchmark's too). Paths from probe
    /// <c>p</c>: d5, d20, d80, d300 (that RTT, nothing else), dloss (3% loss up), dbw (10 Mbit/s down), dup (5 Mbit/s up).
    /// </summary>
    public static string WorldFile => RepositoryPaths.World("fidelity");

    /// <summary>The text of <see cref="WorldFile"/>, for tests that bring up a copy of it or spoil it.</summary>
    public static string WorldYaml => File.ReadAllText(WorldFile);

    private readonly TempDirectory _temp = new();

    public string StateDirectory => System.IO.Path.Combine(_temp.Path, "state");

    public IReadOnlyDictionary<string, string> Environment => EnvironmentFor(StateDirectory, PrefixFamily);

    /// <summary>The variables that give a test's world a state folder and a name prefix family of its own.</summary>
    public static Dictionary<string, string> EnvironmentFor(string stateDirectory, string prefixFamily) => new()
    {
        ["LATENCY_WORLD_DIR"] = stateDirectory,
        ["LATENCY_WORLD_PREFIX_FAMILY"] = prefixFamily,
    };

    public WorldState State { get; private set; } = null!;

    public bool Available { get; private set; }

    /// <summary>The paths that only delay: d5, d20, d80, d300.</summary>
    public static readonly string[] DelayPaths = ["d5", "d20", "d80", "d300"];

    /// <summary>How long a fresh world may take to deliver its RTTs before the fixture gives up.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    private Task<List<double>[]>? _delayPathConnectTimes;

    /// <summary>How many connect times <see cref="DelayPathConnectTimesAsync"/> takes on each of <see cref="DelayPaths"/>.</summary>
    public static readonly int[] DelayPathSamples = [100, 100, 100, 50];

    /// <summary>
    /// Connect times on each of <see cref="DelayPaths"/> (in that order, <see cref="DelayPathSamples"/> each), measured
    /// once for the run in interleaved rounds, so a spell of machine noise touches every path a little instead of one
    /// path wholly. The 300 ms path takes 50: its rounds cost more than the other three together (100 were 30 of the
    /// measurement's 41 s), and its p99 bound (30 ms) is wide enough for the p99 of 50.
    /// </summary>
    public Task<List<double>[]> DelayPathConnectTimesAsync() => _delayPathConnectTimes ??= MeasureDelayPathsAsync();

    private async Task<List<double>[]> MeasureDelayPathsAsync()
    {
        // All four paths for as many rounds as the fewest samples, then the others alone for the rest.
        var all = await PathProbe.InterleavedConnectTimesAsync(State, [.. DelayPaths.Select(Path)], DelayPathSamples.Min(), CancellationToken.None);
        var more = DelayPaths.Select((name, i) => (name, i)).Where(p => DelayPathSamples[p.i] > DelayPathSamples.Min()).ToList();
        var rest = await PathProbe.InterleavedConnectTimesAsync(State, [.. more.Select(p => Path(p.name))],
            DelayPathSamples.Max() - DelayPathSamples.Min(), CancellationToken.None);
        for (var m = 0; m < more.Count; m++)
        {
            all[more[m].i].AddRange(rest[m]);
            all[more[m].i].Sort();
        }

        return all;
    }

    /// <summary>The path from the probe to <paramref name="deployment"/>.</summary>
    public PathState Path(string deployment) => State.Paths.Single(p => p.Deployment == deployment);

    public async Task InitializeAsync()
    {
        if (!Latency.World.Network.NamespaceTopology.HasNetAdmin)
        {
            return;
        }

        var up = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(90), "world", "up", "--world", WorldFile);
        Assert.True(up.ExitCode == 0, up.Output + up.Error);
        State = new WorldDirectory(StateDirectory).Read<WorldState>(System.IO.Path.Combine(StateDirectory, "state.json"))!;
        Available = true;
        // A world that just started is still compiling its code in two processes: measure until every path without
        // loss delivers its RTT (its traffic warms the world up), instead of sleeping and hoping.
        await PathSettling.WaitAsync(State, [.. State.Paths.Where(p => p.LossPct == 0)], SettleTimeout, CancellationToken.None);
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
