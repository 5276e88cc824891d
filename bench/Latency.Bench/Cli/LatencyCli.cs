using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Latency.Bench.Cli;

/// <summary>
/// The <c>latency</c> command line. Parse errors are bad input (exit 2, one line each, never a stack trace), which
/// System.CommandLine would report with exit 1, so they are handled here; so is any exception a command lets escape
/// (exit 3, one line, <see cref="CommandFailure"/>), which System.CommandLine would print as a stack trace with exit 1.
/// </summary>
public static partial class LatencyCli
{
    /// <summary><c>--verbose</c>, on every command: a failure's stack trace after its line.</summary>
    private const string VerboseOption = "--verbose";

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
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(AgentsCommand.Create());
        root.Subcommands.Add(CollectCommand.Create());
        root.Options.Add(new Option<bool>(VerboseOption)
        {
            Description = "When a command fails (exit 3), also print the stack trace (as LATENCY_DEBUG=1 does).",
            Recursive = true,
        });
        return root;
    }

    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null) =>
        InvokeAsync(CreateRootCommand(), args, output, error);

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the command (tests add commands of their own).</summary>
    /// <param name="root">The command line, as <see cref="CreateRootCommand"/> makes it.</param>
    /// <param name="args">The arguments as typed.</param>
    /// <param name="output">Standard output (the console's by default).</param>
    /// <param name="error">Standard error (the console's by default).</param>
    internal static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter? output, TextWriter? error)
    {
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
                await stderr.WriteLineAsync($"latency: {Reword(problem.Message)}").ConfigureAwait(false);
            }

            // The help of the command that was being parsed (`latency history add --help`), or the two to start from.
            var path = new List<string>();
            for (var result = parse.CommandResult; result.Command != root; result = (CommandResult)result.Parent!)
            {
                path.Insert(0, result.Command.Name);
            }

            await stderr.WriteLineAsync(path.Count == 0
                ? "Try 'latency --help' or 'latency run --help'."
                : $"Try 'latency {string.Join(' ', path)} --help'.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // Our own handlers stop runs gracefully; System.CommandLine's would kill the process after 2 s. Its exception
        // handler prints a stack trace and exits 1, which means "threshold failed": failures are reported below instead.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        if (output is not null) configuration.Output = output;
        if (error is not null) configuration.Error = error;
        try
        {
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return await CommandFailure.ReportAsync(CommandFailure.CommandName(parse), ex, parse.GetValue<bool>(VerboseOption), configuration.Error)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// System.CommandLine names a number it cannot read by its CLR type (<c>System.Nullable`1[System.Int32]</c>):
    /// say what the option takes instead, in the <c>--option: what is wrong</c> form of every other option error.
    /// </summary>
    private static string Reword(string message)
    {
        var match = UnparsableValue().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var type = match.Groups["type"].Value;
        var expected = type.Contains("Int32", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"a whole number up to {int.MaxValue}")
            : type.Contains("Double", StringComparison.Ordinal) ? "a number" : null;
        return expected is null ? message : $"{match.Groups["option"].Value}: '{match.Groups["value"].Value}' is not {expected}";
    }

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex UnparsableValue();
}
