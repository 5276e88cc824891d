using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Latency.Bench.Harness;
using Latency.Micro.MaxRate;
using Latency.RunDirectory;
using Latency.World.Native;
using Latency.World.Network;

namespace Latency.Micro.Soak;

/// <summary>
/// Runs a study suite with the real harness (<c>latency run</c>, its own process, as users run it) in an emulated world
/// of its own and reads the memory and CPU time of the harness and every process under it as it goes: what
/// <c>study-soak</c> and <c>study-scale</c> share.
/// </summary>
public static class StudyHarness
{
    /// <summary>The harness next to this program (the build's own <c>latency.dll</c>).</summary>
    public static string DefaultHarness => Path.Combine(AppContext.BaseDirectory, "latency.dll");

    /// <summary>The folder holding Latency.sln above the current folder or this program, or null outside the repository.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Latency.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The repository's root when the command can run: inside the repository (for the default suite) and as root (the
    /// study's world runs in network namespaces with the TUN emulator, as the study's figures assume); else null, with
    /// why on standard error.
    /// </summary>
    /// <param name="command">The command's name, for the message.</param>
    public static async Task<string?> PrerequisitesAsync(string command)
    {
        if (RepositoryRoot() is not { } root)
        {
            await Console.Error.WriteLineAsync($"{command}: run it from inside the repository (no Latency.sln above the current folder or the program)");
            return null;
        }

        if (!NamespaceTopology.HasNetAdmin)
        {
            await Console.Error.WriteLineAsync($"{command}: needs root: the study's world runs in network namespaces with the TUN emulator, as the study's figures assume.");
            return null;
        }

        return root;
    }

    /// <summary>/proc/loadavg's three figures (1, 5, 15 minutes), or "?".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>
    /// Runs <paramref name="suiteYaml"/> with <paramref name="harness"/> until it exits, reading its process tree every
    /// <paramref name="sampleSeconds"/>; the world's state (pid files, its CA's key) lives in a private temporary folder
    /// removed at the end. Ctrl-C or SIGTERM asks the harness to stop as a user's Ctrl-C would: it then takes its world
    /// down and writes what it recorded, which is still returned.
    /// </summary>
    /// <param name="harness">The harness: a <c>.dll</c> (run with <c>dotnet</c>) or an executable.</param>
    /// <param name="suiteYaml">The study suite to run.</param>
    /// <param name="prefixFamily">The world's prefix family (at most 3 characters): its clean-up never touches a world a developer or a test has up.</param>
    /// <param name="sampleSeconds">Seconds between two readings.</param>
    /// <param name="minute">Called with the readings so far at the first reading of every minute, for progress.</param>
    public static async Task<StudyHarnessRun> RunAsync(string harness, string suiteYaml, string prefixFamily, int sampleSeconds,
        Action<IReadOnlyList<ProcessTreeSample>> minute)
    {
        ArgumentNullException.ThrowIfNull(minute);
        // CreateTempSubdirectory makes it 0700: the world's state (pid files, its CA's key) lives in it.
        var work = Directory.CreateTempSubdirectory("latency-study-" + prefixFamily + "-");
        try
        {
            var suiteFile = Path.Combine(work.FullName, "study.yaml");
            await File.WriteAllTextAsync(suiteFile, suiteYaml);
            var runDirectory = Path.Combine(work.FullName, "run");
            var worldDirectory = Path.Combine(work.FullName, "world");
            var loadAtStart = LoadAverage();
            using var process = Start(harness, suiteFile, runDirectory, worldDirectory, prefixFamily);
            var interrupted = false;
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                interrupted = true;
                if (!process.HasExited)
                {
                    _ = Libc.Kill(process.Id, Libc.SIGTERM);
                }
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            var samples = new List<ProcessTreeSample>();
            var clock = Stopwatch.StartNew();
            var perMinute = Math.Max(1, 60 / sampleSeconds);
            while (!process.HasExited)
            {
                samples.Add(Sample(process.Id, worldDirectory, clock.Elapsed));
                if (samples.Count % perMinute == 1)
                {
                    minute(samples);
                }

                await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(sampleSeconds)));
            }

            await process.WaitForExitAsync();
            var run = await RunDirectoryReader.ReadAsync(runDirectory, IsSession);
            return new StudyHarnessRun(process.Id, process.ExitCode, samples, run, loadAtStart, LoadAverage(), await output + await error, interrupted);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>A successful or failed session on one deployment: the study's session time (<c>probe.workload/deployment/kind</c>).</summary>
    /// <param name="tag">An interval log's tag.</param>
    public static bool IsSession(HistogramTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return !tag.IsIteration && tag.Scenario.Contains('.', StringComparison.Ordinal) && !tag.Step.Contains('.', StringComparison.Ordinal)
               && tag.Kind is HistogramTag.Uncorrected or HistogramTag.Failed;
    }

    /// <summary>The harness and every process under it, and the world's processes by their pid files in case they are not under it.</summary>
    private static ProcessTreeSample Sample(int harness, string worldDirectory, TimeSpan elapsed)
    {
        var pids = ProcessTree.WithDescendants(harness).ToList();
        foreach (var part in new[] { "network", "backends", "relay" })
        {
            var file = Path.Combine(worldDirectory, part + ".pid");
            try
            {
                if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !pids.Contains(pid))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // Written or removed as we read it: the next sample sees it.
            }
        }

        var machine = SystemCpuSource.Instance.MachineCpu();
        var processes = new List<ProcessRss>();
        foreach (var pid in pids)
        {
            // A zombie has no VmRSS (NaN), a process gone has neither name nor memory: neither is counted.
            if (ProcessTree.Name(pid) is { } name && ProcessMemory.ResidentMb(pid) is var rss && !double.IsNaN(rss))
            {
                processes.Add(new ProcessRss(pid, pid == harness ? "harness: " + name : name, rss, CpuTime.Of(pid)?.Own.TotalSeconds));
            }
        }

        return new ProcessTreeSample(elapsed, DateTimeOffset.UtcNow, processes, machine);
    }

    /// <summary>The harness as users start it: <c>latency run SUITE</c>, its own process, with a world of its own.</summary>
    private static Process Start(string harness, string suite, string runDirectory, string worldDirectory, string prefixFamily)
    {
        var dll = harness.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(dll ? "dotnet" : harness) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LATENCY_WORLD_DIR"] = worldDirectory;
        start.Environment["LATENCY_WORLD_PREFIX_FAMILY"] = prefixFamily;
        foreach (var argument in (dll ? new[] { harness } : []).Concat(["run", suite, "--out", runDirectory, "--no-progress"]))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the harness");
    }
}
