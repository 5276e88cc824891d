using Latency.RunDirectory;

namespace Latency.Micro.Soak;

/// <summary>Everything a <c>study-soak</c> collected, for its report.</summary>
/// <param name="Options">What ran.</param>
/// <param name="Suite">The scaled suite and its rates.</param>
/// <param name="HarnessProcessId">The harness's process id (its row in the tables).</param>
/// <param name="ExitCode">The harness's exit code.</param>
/// <param name="Samples">The memory readings.</param>
/// <param name="Run">The run directory, with the session series' intervals.</param>
/// <param name="LoadAtStart">/proc/loadavg's three figures when the harness started.</param>
/// <param name="LoadAtEnd">The same when it ended.</param>
/// <param name="HarnessOutput">What the harness printed.</param>
public sealed record StudySoakRun(StudySoakOptions Options, ScaledSuite Suite, int HarnessProcessId, int ExitCode, IReadOnlyList<ProcessTreeSample> Samples,
    RunData Run, string LoadAtStart, string LoadAtEnd, string HarnessOutput);
