using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Latency.RunDirectory;
using Latency.World.Native;
using Latency.World.Network;

namespace Latency.Micro.Soak;

/// <summary>
/// <c>study-soak</c>: the default study (or another study suite) at a fraction of its rates for a long time, run by the
/// real harness (<c>latency run</c>, its own process, as users run it) in an emulated world of its own. Every few
/// seconds it reads the resident memory of the harness and of every process under it (the world's network and backends
/// processes among them); at the end it prints per process the start, peak and least-squares slope of memory, memory
/// per 5 minutes, and the session time (p50, p99) per 5 minutes from the run directory: growth of the harness or the
/// world over an hour is a leak, and a p99 that drifts while the rate stays the same is one too.
/// </summary>
public static class StudySoakCommand
{
    /// <summary>The prefix family of the soak's world: its clean-up never touches a world a developer or a test has up.</summary>
    private const string PrefixFamily = "lsk";

    /// <summary>Runs the soak; 0 when it ran (the figures are the result, not a verdict), 2 for bad arguments or not root, 3 when nothing ran.</summary>
    /// <param name="args">The command's arguments.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        if (RepositoryRoot() is not { } root)
        {
            await Console.Error.WriteLineAsync("study-soak: run it from inside the repository (no Latency.sln above the current folder or the program)");
            return 2;
        }

        if (StudySoakOptions.Parse(args, root, out var problem) is not { } options)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        if (!NamespaceTopology.HasNetAdmin)
        {
            await Console.Error.WriteLineAsync("study-soak: needs root: the study's world runs in network namespaces with the TUN emulator, as the study's figures assume.");
            return 2;
        }

        ScaledSuite suite;
        try
        {
            suite = StudySuiteScaler.Scale(await File.ReadAllTextAsync(options.Suite), Path.GetDirectoryName(options.Suite)!, options.RateScale,
                TimeSpan.FromMinutes(options.Minutes));
        }
        catch (Exception ex) when (ex is InvalidDataException or YamlDotNet.Core.YamlException)
        {
            await Console.Error.WriteLineAsync($"study-soak: {options.Suite}: {ex.Message}");
            return 2;
        }

        // CreateTempSubdirectory makes it 0700: the world's state (pid files, its CA's key) lives in it.
        var work = Directory.CreateTempSubdirectory("latency-study-soak-");
        try
        {
            var suiteFile = Path.Combine(work.FullName, "study-soak.yaml");
            await File.WriteAllTextAsync(suiteFile, suite.Yaml);
            var runDirectory = Path.Combine(work.FullName, "run");
            var worldDirectory = Path.Combine(work.FullName, "world");
            var loadAtStart = LoadAverage();
            using var harness = Harness(suiteFile, runDirectory, worldDirectory);
            // Ctrl-C or a kill of this program asks the harness to stop as a user's Ctrl-C would: it then takes its
            // world down and writes what it recorded, which is still reported.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, harness));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, harness));
            var output = harness.StandardOutput.ReadToEndAsync();
            var error = harness.StandardError.ReadToEndAsync();
            var samples = new List<ProcessTreeSample>();
            var clock = Stopwatch.StartNew();
            var perMinute = Math.Max(1, 60 / options.SampleSeconds);
            while (!harness.HasExited)
            {
                samples.Add(Sample(harness.Id, worldDirectory, clock.Elapsed));
                if (samples.Count % perMinute == 1)
                {
                    var now = samples[^1].Processes;
                    Console.Error.WriteLine($"{clock.Elapsed:hh\\:mm\\:ss} " + string.Join(", ", now.Select(p => $"{Short(p.Name)} {p.RssMb:0} MiB")));
                }

                await Task.WhenAny(harness.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(options.SampleSeconds)));
            }

            await harness.WaitForExitAsync();
            var run = await RunDirectoryReader.ReadAsync(runDirectory, IsSession);
            var text = StudySoakReport.Write(new StudySoakRun(options, suite, harness.Id, harness.ExitCode, samples, run, loadAtStart, LoadAverage(),
                await output + await error));
            Console.WriteLine(text);
            if (options.Output is { } file)
            {
                await File.WriteAllTextAsync(file, text);
            }

            return 0;
        }
        catch (Exception ex) when (ex is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"study-soak: {ex.Message}");
            return 3;
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

    private static void Stop(PosixSignalContext context, Process harness)
    {
        context.Cancel = true;
        if (!harness.HasExited)
        {
            _ = Libc.Kill(harness.Id, Libc.SIGTERM);
        }
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

        var processes = new List<ProcessRss>();
        foreach (var pid in pids)
        {
            // A zombie has no VmRSS (NaN), a process gone has neither name nor memory: neither is counted.
            if (ProcessTree.Name(pid) is { } name && ProcessMemory.ResidentMb(pid) is var rss && !double.IsNaN(rss))
            {
                processes.Add(new ProcessRss(pid, pid == harness ? "harness: " + name : name, rss));
            }
        }

        return new ProcessTreeSample(elapsed, DateTimeOffset.UtcNow, processes);
    }

    /// <summary>The harness as users start it: <c>dotnet latency.dll run SUITE</c>, its own process, with a world of its own.</summary>
    private static Process Harness(string suite, string runDirectory, string worldDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LATENCY_WORLD_DIR"] = worldDirectory;
        start.Environment["LATENCY_WORLD_PREFIX_FAMILY"] = PrefixFamily;
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "latency.dll"), "run", suite, "--out", runDirectory, "--no-progress" })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the harness");
    }

    private static string LoadAverage()
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

    private static string Short(string name) => name.Length > 40 ? name[..40] : name;

    private static string? RepositoryRoot()
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
}
