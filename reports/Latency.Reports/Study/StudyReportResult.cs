using Latency.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>What <see cref="StudyReportWriter.WriteReportAsync(string, string, CancellationToken)"/> wrote, and what it found wrong in the run directory.</summary>
/// <param name="Files">The files written, report.md and report.html first.</param>
/// <param name="Problems">Missing or corrupt files (and charts not drawn), as listed in the report.</param>
public sealed record StudyReportResult(IReadOnlyList<string> Files, IReadOnlyList<RunDirectoryProblem> Problems)
{
    /// <summary>The report's opening sentence (<see cref="StudyFinding"/>), for a terminal; null when nothing was compared.</summary>
    public string? Finding { get; init; }

    /// <summary>The report's headline (<see cref="StudyHeadline"/>), for a terminal; null when nothing was compared.</summary>
    public string? Headline { get; init; }

    /// <summary>True if some data could not be read: the report is incomplete and says why.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
