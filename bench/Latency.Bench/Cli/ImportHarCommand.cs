using System.CommandLine;
using System.Globalization;
using Latency.Scenarios.Har;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency import-har FILE.har [--out FILE.yaml] [--name NAME]</c>: turns a browser or proxy capture into a replay
/// workload (see <see cref="HarImporter"/>) and prints what it made of it. Bad input exits 2 with file and line.
/// </summary>
public static class ImportHarCommand
{
    public static Command Create()
    {
        var har = new Argument<string>("har") { Description = "HAR 1.2 file, as Chrome DevTools, Playwright, Charles or mitmproxy export it." };
        var outFile = new Option<string?>("--out", "-o") { Description = "Workload YAML to write (default: next to the HAR, with .yaml)." };
        var name = new Option<string?>("--name", "-n") { Description = "Workload name (default: from the HAR's file name)." };
        var command = new Command("import-har",
            "Import a HAR capture as a replay workload: one request per entry at its recorded offset from the first, path and " +
            "query kept, origin dropped (the first origin becomes role 'service', others 'origin-2', 'origin-3', ...), " +
            "server time = time to first byte (timings.wait), sizes from the body sizes.")
        {
            har, outFile, name,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(har)!, parse.GetValue(outFile), parse.GetValue(name),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> ExecuteAsync(string harPath, string? outPath, string? name, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        // The name is checked by the rule the workload loader applies, so what is written can be loaded; with the HAR's
        // own problems, so all are reported at once.
        var problems = new List<ValidationError>();
        if (name is not null && !WorkloadReader.WorkloadNamePattern().IsMatch(name))
        {
            problems.Add(new ValidationError(null, $"--name: workload name '{name}' may only contain lower-case letters, digits and '-'"));
        }

        HarImport? import = null;
        try
        {
            import = await HarImporter.ImportAsync(harPath, name, cancellationToken).ConfigureAwait(false);
        }
        catch (InputValidationException ex)
        {
            problems.AddRange(ex.Errors);
        }

        if (problems.Count > 0 || import is null)
        {
            return await ValidationErrorReporter.ReportAsync(error, problems, "nothing was written").ConfigureAwait(false);
        }

        var target = outPath ?? Path.ChangeExtension(harPath, ".yaml");
        try
        {
            await File.WriteAllTextAsync(target, WorkloadWriter.Write(import.Workload, $"Imported by `latency import-har` from {Path.GetFileName(harPath)}; replayed at the recorded offsets (at:). Map roles other than service in your suite."), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{target}: cannot write the workload: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var requests = import.Workload.Requests.Count();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{target}: workload '{import.Workload.Name}', {requests} requests over {import.Span.TotalSeconds:0.###} s (replayed at recorded offsets), HTTP/{import.Workload.HttpVersion}")).ConfigureAwait(false);
        foreach (var origin in import.Origins)
        {
            await output.WriteLineAsync($"  {origin.Role,-10} {origin.Origin} ({origin.Requests} requests)").ConfigureAwait(false);
        }

        if (import.Skipped.Count > 0)
        {
            await output.WriteLineAsync($"  skipped {import.Skipped.Count} entries: {string.Join("; ", import.Skipped)}").ConfigureAwait(false);
        }

        await output.WriteLineAsync("  server times are the capture's time to first byte (timings.wait): an upper bound.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
