namespace Latency.RunDirectory;

/// <summary>How bad a <see cref="RunDirectoryProblem"/> is.</summary>
public enum ProblemSeverity
{
    /// <summary>Expected after a crash or interruption (e.g. a truncated last line); the data read is valid.</summary>
    Warning,

    /// <summary>Something is missing or corrupt; results derived from the run are incomplete.</summary>
    Error,
}
