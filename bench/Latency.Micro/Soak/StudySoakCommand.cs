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
        if (await StudyHarness.PrerequisitesAsync("study-soak") is not { } root)
        {
            return 2;
        }

        if (StudySoakOptions.Parse(args, root, out var problem) is not { } options)
        {
            await Console.Error.WriteLineAsync(problem);
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

        try
        {
            var harness = await StudyHarness.RunAsync(StudyHarness.DefaultHarness, suite.Yaml, PrefixFamily, options.SampleSeconds, samples =>
            {
                var now = samples[^1];
                Console.Error.WriteLine($"{now.Elapsed:hh\\:mm\\:ss} " + string.Join(", ", now.Processes.Select(p => $"{Short(p.Name)} {p.RssMb:0} MiB")));
            });
            var text = StudySoakReport.Write(new StudySoakRun(options, suite, harness.HarnessProcessId, harness.ExitCode, harness.Samples, harness.Run,
                harness.LoadAtStart, harness.LoadAtEnd, harness.HarnessOutput));
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
    }

    private static string Short(string name) => name.Length > 40 ? name[..40] : name;
}
