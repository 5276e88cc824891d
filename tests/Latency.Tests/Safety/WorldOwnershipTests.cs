using Latency.TestSupport;
using Latency.World.Runtime;
using Xunit;

namespace Latency.Tests.Safety;

/// <summary>What <c>world down</c> may act on: only processes serving its own state folder, only names its plan recorded.</summary>
public sealed class WorldOwnershipTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void IsWorldCommandLine_ServeOfThisFolder_IsOurs()
    {
        Assert.True(WorldProcesses.IsWorldCommandLine(
            ["/usr/bin/dotnet", "/opt/latency/latency.dll", "world", "serve", "--part", "network", "--state", "/run/latency/world"], "/run/latency/world"));
    }

    [Fact]
    public void IsWorldCommandLine_TheShellAboutToExecIt_IsOurs()
    {
        Assert.True(WorldProcesses.IsWorldCommandLine(
            ["/bin/sh", "-c", "echo $$ > '/w/network.pid'; exec '/opt/latency' 'world' 'serve' '--part' 'network' '--state' '/w' >> '/w/network.log' 2>&1 < /dev/null"],
            "/w"));
    }

    [Theory]
    [InlineData("/usr/bin/sleep", "30")]
    [InlineData("/opt/latency", "world", "serve", "--part", "network", "--state", "/another/world")]
    [InlineData("/opt/latency", "run", "--state", "/w")]
    public void IsWorldCommandLine_AnythingElse_IsNotOurs(params string[] arguments)
    {
        Assert.False(WorldProcesses.IsWorldCommandLine(arguments, "/w"));
    }

    [Fact]
    public void IsOurs_ThisTestProcess_IsNot()
    {
        Assert.False(WorldProcesses.IsOurs(Environment.ProcessId, new WorldDirectory(_temp.Path)));
    }

    [Fact]
    public async Task Down_PidFileNamingAnotherProcess_LeavesItRunning()
    {
        var directory = new WorldDirectory(_temp.File("state"));
        directory.EnsurePrivate();
        using var sleeper = System.Diagnostics.Process.Start("/bin/sleep", "30");
        try
        {
            File.WriteAllText(directory.PidFile("network"), sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            var removed = await new WorldController(directory, ["latency"]).DownAsync(CancellationToken.None);

            Assert.Empty(removed);
            Assert.False(sleeper.HasExited);
            Assert.False(Directory.Exists(directory.Path));
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void RecordedNames_AreThoseTheTopologyCreates()
    {
        var plan = new WorldPlan
        {
            WorldName = "w",
            Profile = "typical",
            Prefix = "lw1a2b",
            Seed = 1,
            Probes = [new PlannedProbe("mumbai", "IN", "Mumbai")],
            Deployments = [new PlannedDeployment("hk", "Hong Kong", "origin")],
            Paths = [],
        };

        var (namespaces, links) = WorldController.RecordedNames(plan);

        Assert.Equal(["lw1a2b-p-mumbai", "lw1a2b-d-hk"], namespaces);
        Assert.Equal(["lw1a2bt0", "lw1a2bt1"], links);
    }
}
