using System.Diagnostics;
using Latency.IntegrationTests.Support;
using Xunit.Abstractions;
using Latency.RunDirectory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Latency.IntegrationTests.Cli;

/// <summary>
/// Issue 16, a fault: the disk fills during a run. The run must stop at once (not generate load nobody records until
/// its planned end), exit 3, say why in run.json, and leave what it wrote readable. The run directory is a small
/// tmpfs filled by the test once the run has started, the way a disk fills under a running job.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        Unmount();
        _temp.Dispose();
    }

    private string Mount => Path.Combine(_temp.Path, "small-disk");

    [RequiresRootFact]
    public async Task Run_DiskFillsDuringTheRun_StopsAtOnceExit3RunJsonSaysWhyDataReadable()
    {
        Directory.CreateDirectory(Mount);
        await RunToolAsync("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", Mount);
        await using var server = await LocalServer.StartAsync(app => app.MapFallback((HttpContext _) => Task.CompletedTask));
        var runDirectory = Path.Combine(Mount, "run");
        using var run = CliRun.Start(new Dictionary<string, string>(), null, AppContext.BaseDirectory,
            "run", "--url", server.BaseUrl.ToString(), "--rate", "200", "--duration", "60s", "--out", runDirectory, "--no-progress");
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();

        // Recording has begun: the first interval is on disk.
        await CliRun.WaitUntilAsync(() => Directory.Exists(runDirectory) && Directory.EnumerateFiles(runDirectory, "*.hlog").Any(f => new FileInfo(f).Length > 200),
            TimeSpan.FromSeconds(30), "the run's first interval");
        var filled = Stopwatch.StartNew();
        Fill(Path.Combine(Mount, "filler"));
        await run.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(45));
        var stopped = filled.Elapsed;
        output.WriteLine(await stdout + await stderr);

        Assert.Equal(3, run.ExitCode);
        Assert.True(stopped < TimeSpan.FromSeconds(20), $"the run went on {stopped.TotalSeconds:0.0} s after the disk filled"); // planned: 60 s
        var manifest = await RunManifestFile.ReadAsync(runDirectory);
        Assert.Equal(RunStatus.Failed, manifest.Status);
        Assert.Contains("recording failed", manifest.StatusReason, StringComparison.Ordinal);
        Assert.Contains("space", manifest.StatusReason, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(manifest.HistogramLogs);
        var data = await RunDirectoryReader.ReadAsync(runDirectory);
        Assert.Contains(data.Totals, t => t.Value.TotalCount > 0);
        Assert.False(File.Exists(Path.Combine(runDirectory, ".latency-reserve")));
    }

    /// <summary>Writes until the file system has no space left, as a disk filled by something else would.</summary>
    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        try
        {
            using var filler = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // Full: what the test wanted.
        }
    }

    private void Unmount()
    {
        if (Directory.Exists(Mount))
        {
            using var umount = Process.Start("umount", ["-l", Mount]);
            umount?.WaitForExit(10_000);
        }
    }

    private static async Task RunToolAsync(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {error}");
    }
}
