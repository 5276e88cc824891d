using Latency.TestSupport;
using Latency.World.Native;
using Xunit;

namespace Latency.Tests.Safety;

public sealed class SystemToolsTests
{
    [Fact]
    public void Resolve_ToolInSeveralFolders_TakesTheFirstInTheFixedOrder()
    {
        var present = new HashSet<string>(StringComparer.Ordinal) { "/usr/bin/ip", "/sbin/ip" };

        var path = SystemTools.Resolve("ip", "iproute2", SystemTools.Folders, present.Contains);

        Assert.Equal("/sbin/ip", path);
    }

    [Fact]
    public void Folders_AreTheSystemFoldersSbinFirst()
    {
        Assert.Equal(["/usr/sbin", "/sbin", "/usr/bin", "/bin"], SystemTools.Folders);
    }

    [Fact]
    public void Resolve_ToolOnlyInAFolderOnPath_IsNotFound()
    {
        using var temp = new TempDirectory();
        temp.File("latency-test-tool", "#!/bin/sh\n");
        var saved = Environment.GetEnvironmentVariable("PATH");
        try
        {
            // A folder someone else could write, first on PATH: it must make no difference.
            Environment.SetEnvironmentVariable("PATH", temp.Path + ":" + saved);

            var error = Assert.Throws<FileNotFoundException>(() => SystemTools.Resolve("latency-test-tool", "none"));

            Assert.Contains("/usr/sbin, /sbin, /usr/bin, /bin", error.Message, StringComparison.Ordinal);
            Assert.Contains("package none", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", saved);
        }
    }

    [Fact]
    public void Resolve_RelativeFolder_IsSkippedEvenWhenTheToolIsThere()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SystemTools.Resolve("ip", "iproute2", ["bin"], _ => true));

        Assert.Contains("'ip' was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NameWithASlash_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SystemTools.Resolve("../tmp/ip", "iproute2", SystemTools.Folders, _ => true));
    }

    [Fact]
    public void Resolve_Sh_IsAnAbsolutePath()
    {
        Assert.StartsWith("/", SystemTools.Resolve("sh", "dash"), StringComparison.Ordinal);
    }
}
