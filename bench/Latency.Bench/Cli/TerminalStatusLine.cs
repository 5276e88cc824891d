namespace Latency.Bench.Cli;

/// <summary>
/// One status line on a terminal, rewritten in place ("latency report: reading 42 interval log(s)..."), for commands
/// that take seconds without a progress view of their own. Synchronous, unlike <see cref="Progress{T}"/>, whose
/// callbacks run later on the thread pool and could print after the command's own output.
/// </summary>
internal sealed class TerminalStatusLine(TextWriter terminal, string prefix) : IProgress<string>, IDisposable
{
    private int _width;

    /// <summary>A status line on stderr when stderr is a terminal the command writes to; null otherwise (pipes, files, tests).</summary>
    public static TerminalStatusLine? ForStandardError(TextWriter error, string prefix) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? new TerminalStatusLine(error, prefix) : null;

    public void Report(string value)
    {
        var line = $"{prefix}: {value}...";
        terminal.Write("\r" + line.PadRight(_width));
        terminal.Flush();
        _width = line.Length;
    }

    /// <summary>Clears the line, so what the command prints next starts on a clean line.</summary>
    public void Dispose()
    {
        if (_width > 0)
        {
            terminal.Write("\r" + new string(' ', _width) + "\r");
            terminal.Flush();
        }
    }
}
