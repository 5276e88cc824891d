using System.ComponentModel;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Latency.Bench.Cli;

/// <summary>
/// The one place an exception that escapes a command becomes output: one line, <c>latency COMMAND: what failed:
/// message</c>, exit 3 (<see cref="ExitCodes.RunFailed"/>). Exit 1 means a threshold failed, so a crash must never
/// end with it, and a stack trace is for whoever debugs the harness (<c>--verbose</c> or LATENCY_DEBUG=1), not for the
/// user of a command whose disk is full.
/// </summary>
internal static partial class CommandFailure
{
    /// <summary>The variable that shows stack traces without <c>--verbose</c>, for jobs whose command line is fixed.</summary>
    public const string DebugVariable = "LATENCY_DEBUG";

    /// <summary>Writes what failed to <paramref name="error"/> and returns <see cref="ExitCodes.RunFailed"/>.</summary>
    /// <param name="command">The command as typed, e.g. <c>world status</c>.</param>
    /// <param name="exception">What escaped the command.</param>
    /// <param name="verbose">Whether <c>--verbose</c> was given: then the stack trace follows the line.</param>
    /// <param name="error">Standard error.</param>
    public static async Task<int> ReportAsync(string command, Exception exception, bool verbose, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var cause = Unwrap(exception);
        var trace = verbose || Environment.GetEnvironmentVariable(DebugVariable) == "1";
        var line = $"latency {command}: {Describe(cause)}";
        if (!trace && IsBug(cause))
        {
            // Only our own bugs need the trace to be acted on; a missing file or program is said in full already.
            line += " (run again with --verbose to see the stack trace)";
        }

        await error.WriteLineAsync(line).ConfigureAwait(false);
        if (trace)
        {
            await error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
        }

        return ExitCodes.RunFailed;
    }

    /// <summary>What failed and why, in words a user acts on: <c>cannot run 'ip': not found on PATH</c>.</summary>
    /// <param name="exception">The failure, already unwrapped.</param>
    public static string Describe(Exception exception) => exception switch
    {
        OperationCanceledException => "interrupted",
        FileNotFoundException or DirectoryNotFoundException => $"not found: {exception.Message}",
        UnauthorizedAccessException => $"permission denied: {exception.Message}",
        IOException => $"cannot read or write a file: {exception.Message}",
        // SocketException is a Win32Exception too, but names a network failure, not a program.
        SocketException or HttpRequestException => $"network error: {exception.Message}",
        Win32Exception win32 => Program(win32),
        TimeoutException => $"timed out: {exception.Message}",
        _ => $"internal error: {exception.GetType().Name}: {exception.Message}",
    };

    /// <summary>The command's name as typed, without the program's: <c>world status</c>.</summary>
    /// <param name="parse">The parsed command line.</param>
    public static string CommandName(System.CommandLine.ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? "" : string.Join(' ', names);
    }

    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : exception;

    private static bool IsBug(Exception exception) =>
        exception is not (OperationCanceledException or IOException or UnauthorizedAccessException or Win32Exception
            or HttpRequestException or TimeoutException);

    /// <summary>
    /// A program that could not be started: Process.Start says so in a sentence with the working directory in it;
    /// the program's name and the OS error (ENOENT, EACCES) are what the user can act on.
    /// </summary>
    private static string Program(Win32Exception exception)
    {
        var match = StartedProgram().Match(exception.Message);
        if (!match.Success)
        {
            return $"cannot run a program: {exception.Message}";
        }

        var program = match.Groups["program"].Value;
        var sentence = exception.Message.LastIndexOf(". ", StringComparison.Ordinal);
        return exception.NativeErrorCode switch
        {
            2 => $"cannot run '{program}': not found (is it installed and on PATH?)",
            13 => $"cannot run '{program}': permission denied",
            _ => $"cannot run '{program}': {(sentence < 0 ? exception.Message : exception.Message[(sentence + 2)..])}",
        };
    }

    [GeneratedRegex("start process '(?<program>[^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex StartedProgram();
}
