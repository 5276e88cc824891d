using Latency.RunDirectory;

namespace Latency.Micro.Soak;

/// <summary>What one run of the real harness on a study suite left: its readings, its run directory and how it ended.</summary>
/// <param name="HarnessProcessId">The harness's process id.</param>
/// <param name="ExitCode">The harness's exit code.</param>
/// <param name="Samples">The readings of the harness's process tree, in order.</param>
/// <param name="Run">The run directory, with the session series' intervals.</param>
/// <param name="LoadAtStart">/proc/loadavg's three figures when the harness started.</param>
/// <param name="LoadAtEnd">The same when it ended.</param>
/// <param name="HarnessOutput">What the harness printed (standard output, then standard error).</param>
/// <param name="Interrupted">True when Ctrl-C or SIGTERM stopped the harness before its end.</param>
public sealed record StudyHarnessRun(int HarnessProcessId, int ExitCode, IReadOnlyList<ProcessTreeSample> Samples, RunData Run, string LoadAtStart,
    string LoadAtEnd, string HarnessOutput, bool Interrupted);
