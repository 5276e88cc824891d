using System.Diagnostics;
using Latency.IntegrationTests.Support;
using Latency.World.Native;
using Latency.World.Runtime;

namespace Latency.IntegrationTests.World;

/// <summary>
/// <c>world up</c> and <c>down</c> act only on what is theirs: the namespaces and interfaces their own plan named,
/// in a state folder private to the user running them.
/// </summary>
[Collection(TimingSensitive.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WorldOwnershipTests : IDisposable
{
    // A family of its own, so these tests never touch another test's world or a developer's.
    private const string Family = "lq";
    private readonly TempDirectory _temp = new();

    private Dictionary<string, string> Environment => WorldFixture.EnvironmentFor(Path.Combine(_temp.Path, "state"), Family);

    public void Dispose() => _temp.Dispose();

    [RequiresRootFact]
    public async Task UpAndDown_NamespaceAndTunWithTheWorldsPrefixMadeBySomeoneElse_AreLeftAlone()
    {
        // Named exactly as a world of this family names its own: only the plan can tell them apart.
        const string plantedNamespace = Family + "beef-p-planted";
        const string plantedLink = Family + "beeft0";
        await IpAsync("netns", "add", plantedNamespace);
        await IpAsync("tuntap", "add", "dev", plantedLink, "mode", "tun");
        try
        {
            var file = _temp.File("world.yaml", WorldFixture.WorldYaml);
            var up = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(90), "world", "up", "--world", file);
            Assert.True(up.ExitCode == 0, up.Output + up.Error);
            var prefix = new WorldDirectory(Environment["LATENCY_WORLD_DIR"]).Read<WorldState>(Path.Combine(Environment["LATENCY_WORLD_DIR"], "state.json"))!.Prefix;
            Assert.Contains(await NamespacesAsync(), n => n.StartsWith(prefix + "-", StringComparison.Ordinal));

            var down = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(60), "world", "down");

            Assert.True(down.ExitCode == 0, down.Output + down.Error);
            Assert.DoesNotContain(plantedNamespace, up.Output + down.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(plantedLink, up.Output + down.Output, StringComparison.Ordinal);
            var namespaces = await NamespacesAsync();
            Assert.Contains(plantedNamespace, namespaces);
            Assert.DoesNotContain(namespaces, n => n.StartsWith(prefix + "-", StringComparison.Ordinal));
            Assert.Contains(plantedLink, await IpAsync("-o", "link", "show", "dev", plantedLink), StringComparison.Ordinal);
        }
        finally
        {
            await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(60), "world", "down");
            await IpAsync("netns", "del", plantedNamespace);
            await IpAsync("link", "del", plantedLink);
        }
    }

    [Fact]
    public async Task Down_StateFolderWritableByOthers_RefusedWithExit3AndNoStack()
    {
        var state = Directory.CreateDirectory(Environment["LATENCY_WORLD_DIR"]).FullName;
        File.SetUnixFileMode(state, (UnixFileMode)0b111_111_111);

        var down = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(60), "world", "down");

        Assert.Equal(3, down.ExitCode);
        Assert.Contains("writable by", down.Error, StringComparison.Ordinal);
        Assert.Contains(state, down.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", down.Error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(state), "a folder that is not ours is not deleted either");
    }

    [Fact]
    public async Task Up_StateFolderIsAPlantedLink_RefusedWithExit3AndNothingWrittenThrough()
    {
        var target = Directory.CreateDirectory(_temp.File("theirs")).FullName;
        File.SetUnixFileMode(target, PrivateFolder.Mode);
        File.CreateSymbolicLink(Environment["LATENCY_WORLD_DIR"], target);
        var file = _temp.File("world.yaml", WorldFixture.WorldYaml);

        var up = await CliRun.ChildAsync(Environment, TimeSpan.FromSeconds(60), "world", "up", "--world", file);

        Assert.Equal(3, up.ExitCode);
        Assert.Contains("is a symbolic link", up.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    private static async Task<IReadOnlyList<string>> NamespacesAsync() =>
        (await IpAsync("netns", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();

    private static async Task<string> IpAsync(params string[] arguments)
    {
        using var ip = Process.Start(new ProcessStartInfo(SystemTools.Resolve("ip", "iproute2"), arguments) { RedirectStandardOutput = true })!;
        var text = await ip.StandardOutput.ReadToEndAsync();
        await ip.WaitForExitAsync();
        return text;
    }
}
