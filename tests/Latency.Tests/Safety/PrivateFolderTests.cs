using Latency.TestSupport;
using Latency.World.Native;
using Latency.World.Runtime;
using Xunit;

namespace Latency.Tests.Safety;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PrivateFolderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static uint Me => Libc.GetEffectiveUserId();

    [Fact]
    public void Ensure_Absent_CreatesIt0700()
    {
        var path = _temp.File("state");

        PrivateFolder.Ensure(path);

        Assert.True(Directory.Exists(path));
        Assert.Equal(PrivateFolder.Mode, File.GetUnixFileMode(path));
        Assert.Null(PrivateFolder.Problem(path, Me));
    }

    [Fact]
    public void Problem_Absent_IsNone()
    {
        Assert.Null(PrivateFolder.Problem(_temp.File("nothing"), Me));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupWrite, "writable by its group")]
    [InlineData(UnixFileMode.OtherWrite, "writable by others")]
    public void Problem_WritableByOthers_IsRefused(UnixFileMode extra, string expected)
    {
        var path = Directory.CreateDirectory(_temp.File("state")).FullName;
        File.SetUnixFileMode(path, PrivateFolder.Mode | extra);

        var problem = PrivateFolder.Problem(path, Me);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Throws<UnsafeFolderException>(() => PrivateFolder.Ensure(path));
    }

    [Fact]
    public void Problem_OwnedBySomeoneElse_IsRefused()
    {
        var path = Directory.CreateDirectory(_temp.File("state")).FullName;
        File.SetUnixFileMode(path, PrivateFolder.Mode);

        var problem = PrivateFolder.Problem(path, Me + 1);

        Assert.NotNull(problem);
        Assert.Contains($"is owned by uid {Me}, not by uid {Me + 1}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_PlantedSymbolicLinkToAPrivateFolder_IsRefusedAndNothingIsWrittenThrough()
    {
        var target = Directory.CreateDirectory(_temp.File("elsewhere")).FullName;
        File.SetUnixFileMode(target, PrivateFolder.Mode);
        var link = _temp.File("state");
        File.CreateSymbolicLink(link, target);
        var directory = new WorldDirectory(link);

        var error = Assert.Throws<UnsafeFolderException>(() => directory.Write(directory.PlanFile, new { x = 1 }));

        Assert.Contains("is a symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public void Problem_AFile_IsNotADirectory()
    {
        var file = _temp.File("state", "x");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Contains("is not a directory", PrivateFolder.Problem(file, Me), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_StateFolderWritableByOthers_IsRefusedAndItsPidFileIsNotActedOn()
    {
        var path = Directory.CreateDirectory(_temp.File("state")).FullName;
        File.SetUnixFileMode(path, PrivateFolder.Mode | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        using var sleeper = System.Diagnostics.Process.Start("/bin/sleep", "30");
        try
        {
            File.WriteAllText(Path.Combine(path, "network.pid"), sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var controller = new WorldController(new WorldDirectory(path), ["latency"]);

            await Assert.ThrowsAsync<UnsafeFolderException>(() => controller.DownAsync(CancellationToken.None));

            Assert.False(sleeper.HasExited);
            Assert.True(File.Exists(Path.Combine(path, "network.pid")));
        }
        finally
        {
            sleeper.Kill();
        }
    }
}
