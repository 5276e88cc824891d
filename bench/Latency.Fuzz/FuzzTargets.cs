using System.Text;
using Latency.RunDirectory;
using Latency.Scenarios.Har;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;
using Latency.Scenarios.Worlds;
using SharpFuzz;

namespace Latency.Fuzz;

/// <summary>
/// One fuzz target per reader. A target feeds the input to the reader and lets through only what the reader does not
/// promise: an exception other than its documented one, or an error without a location. The fuzzer counts whatever
/// escapes as a crash and keeps the input.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The targets by the name given on the command line.</summary>
    public static IReadOnlyDictionary<string, ReadOnlySpanAction> All { get; } = new Dictionary<string, ReadOnlySpanAction>(StringComparer.Ordinal)
    {
        ["suite"] = input => Yaml(input, SuiteLoader.Parse),
        ["workload"] = input => Yaml(input, WorkloadLoader.Parse),
        ["world"] = input => Yaml(input, WorldLoader.Parse),
        ["har"] = Har,
        ["runjson"] = input => RunDirectoryFile(input, RunManifest.FileName),
        ["hlog"] = input => RunDirectoryFile(input, "fuzz.hlog"),
        ["calibration"] = input => RunDirectoryFile(input, CalibrationTable.FileName),
    };

    /// <summary>
    /// The scratch run directory of this process: the run directory readers read files, so each input is written
    /// there first. One per process, as the fuzzer runs one input at a time.
    /// </summary>
    private static readonly Lazy<string> ScratchDirectory = new(() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"latency-fuzz-{Environment.ProcessId}")).FullName);

    /// <summary>Deletes the scratch run directory, when a target made one (after replaying saved inputs).</summary>
    public static void DeleteScratch()
    {
        if (ScratchDirectory.IsValueCreated)
        {
            Directory.Delete(ScratchDirectory.Value, recursive: true);
        }
    }

    private static void Yaml<T>(ReadOnlySpan<byte> input, Func<string, string, T> parse)
    {
        // Under the current folder, so a suite's relative file names resolve when the campaign runs in scenarios/suites.
        var fileName = Path.Combine(Environment.CurrentDirectory, "fuzz.yaml");
        try
        {
            parse(Encoding.UTF8.GetString(input), fileName);
        }
        catch (InputValidationException e)
        {
            RequireLocations(e);
        }
    }

    private static void Har(ReadOnlySpan<byte> input)
    {
        try
        {
            HarImporter.Parse(input, "fuzz.har");
        }
        catch (InputValidationException e)
        {
            RequireLocations(e);
        }
    }

    private static void RequireLocations(InputValidationException e)
    {
        if (e.Errors.Count == 0 || e.Errors.Any(error => error.Location is not { File.Length: > 0, Line: >= 1 }))
        {
            throw new InvalidOperationException("an input error without a file and line: " + e.Message, e);
        }
    }

    private static void RunDirectoryFile(ReadOnlySpan<byte> input, string name)
    {
        var directory = ScratchDirectory.Value;
        File.WriteAllBytes(Path.Combine(directory, name), input.ToArray());
        // Both readers promise never to throw for a file's content: anything thrown here is a finding.
        var run = RunDirectoryReader.ReadAsync(directory).GetAwaiter().GetResult();
        var problems = run.Problems.ToList();
        CalibrationFile.ReadAsync(directory, problems).GetAwaiter().GetResult();
        if (problems.Any(p => string.IsNullOrEmpty(p.File)))
        {
            throw new InvalidOperationException("a run directory problem without a file");
        }
    }
}
