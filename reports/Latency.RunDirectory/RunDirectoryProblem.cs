namespace Latency.RunDirectory;

/// <summary>A problem found while reading a run directory: which file (and line), and what is wrong.</summary>
/// <param name="File">Path of the file as it was opened.</param>
/// <param name="Line">1-based line number, or null when the problem is about the whole file.</param>
/// <param name="Severity">Whether the data read is still complete.</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record RunDirectoryProblem(string File, int? Line, ProblemSeverity Severity, string Message)
{
    /// <summary>E.g. "runs/x/checkout.hlog:42: error: cannot decode histogram: ...".</summary>
    public override string ToString() =>
        $"{File}{(Line is { } line ? $":{line}" : "")}: {(Severity == ProblemSeverity.Error ? "error" : "warning")}: {Message}";
}
