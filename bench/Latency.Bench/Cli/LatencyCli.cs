using System.CommandLine;

namespace Latency.Bench.Cli;

/// <summary>
/// The <c>latency</c> command line. Parse errors are bad input (exit 2, one line each, never a stack trace), which
/// System.CommandLine would report with exit 1, so they are handled here.
/// </summary>
public static class LatencyCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "latency: measures how fast handset services are for users in each country, with latency measured from " +
            "each request's intended start (coordinated omission corrected).\n" +
            "Exit codes: 0 ok, 1 thresholds failed or (compare) a regression, 2 bad input or runs not comparable, 3 run-time failure or interrupted run.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(WorldCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(ImportHarCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(NightlyCommand.Create());
        root.Subcommands.Add(PublishCommand.Create());
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = CreateRootCommand();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var stderr = error ?? Console.Error;
            // An unknown "--rat 5" is otherwise reported as "unrecognized argument '5'": name the option instead.
            var known = parse.CommandResult.Command.Options.Concat(root.Options)
                .SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
            foreach (var unknown in args.Where(a => a.StartsWith('-') && a.Length > 1 && !double.TryParse(a, out _))
                         .Select(a => a.Split('=')[0]).Where(a => !known.Contains(a)).Distinct())
            {
                await stderr.WriteLineAsync($"latency: unknown option '{unknown}'").ConfigureAwait(false);
            }

            foreach (var problem in parse.Errors)
            {
                await stderr.WriteLineAsync($"latency: {problem.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Try 'latency --help' or 'latency run --help'.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // Our own handlers stop runs gracefully; System.CommandLine's would kill the process after 2 s.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
        if (output is not null) configuration.Output = output;
        if (error is not null) configuration.Error = error;
        return await parse.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
