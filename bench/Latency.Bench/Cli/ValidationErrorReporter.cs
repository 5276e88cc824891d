using Latency.Scenarios.Validation;

namespace Latency.Bench.Cli;

/// <summary>
/// Reports bad input, the same way for every command: one line per problem (<c>file:line: what is wrong</c>, or
/// <c>latency: --option: what is wrong</c> when it is not in a file), then how many and what was not done; exit code
/// 2 (<see cref="ExitCodes.BadInput"/>); never a stack trace. Modelled on BenchmarkDotNet's ValidationErrorReporter:
/// the application layer collects, the command line reports once.
/// </summary>
internal static class ValidationErrorReporter
{
    /// <summary>Writes every problem to <paramref name="error"/> and returns <see cref="ExitCodes.BadInput"/>.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="problems">Every problem found (at least one).</param>
    /// <param name="notDone">What did not happen because of them, e.g. <c>nothing was run</c>.</param>
    public static async Task<int> ReportAsync(TextWriter error, IReadOnlyList<ValidationError> problems, string notDone)
    {
        foreach (var problem in problems)
        {
            await error.WriteLineAsync(Format(problem)).ConfigureAwait(false);
        }

        await error.WriteLineAsync($"latency: {problems.Count} problem(s); {notDone}.").ConfigureAwait(false);
        return ExitCodes.BadInput;
    }

    /// <summary>One problem's line: located as compilers print it, else prefixed with the program's name.</summary>
    public static string Format(ValidationError problem) => problem.Location is null ? $"latency: {problem.Message}" : problem.ToString();
}
