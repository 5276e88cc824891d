namespace Latency.Micro.Scale;

/// <summary>One row of <c>study-scale</c>'s table: what one rate cost the machine. NaN where a figure could not be measured.</summary>
/// <param name="Scale">The factor on every workload's <c>sessions_per_minute</c>.</param>
/// <param name="OfferedPerMinute">Sessions offered a minute: every probe, workload and deployment.</param>
/// <param name="Sessions">What the run directory says of the sessions.</param>
/// <param name="WindowMinutes">The length of the measured window: from its first reading to its last, minutes.</param>
/// <param name="HarnessCores">The harness process's CPU in the window, cores (CPU seconds a wall second).</param>
/// <param name="HarnessUsPerSession">The harness's CPU in the window over the sessions that ended in it, microseconds.</param>
/// <param name="EmulatorCores">The world's network process (the emulator) in the window, cores.</param>
/// <param name="BackendCores">Every other process under the harness (the world's backends, any helper) in the window, cores.</param>
/// <param name="HarnessPeakMb">The harness's largest resident set over the whole run, MiB.</param>
/// <param name="WorldPeakMb">The largest sum of the other processes' resident sets at one reading over the whole run, MiB.</param>
/// <param name="MachineBusyP50">The whole machine's busy share (0-1) between two readings in the window, median.</param>
/// <param name="MachineBusyP95">The same, 95th percentile (nearest rank).</param>
/// <param name="LatenessP99Ms">The emulator's release lateness p99 from run.json, ms; null when it recorded none.</param>
/// <param name="Verdict">The harness's own rule on run.json's figures: "ok" or why it may have been the bottleneck; null without them.</param>
/// <param name="Status">How the run ended: run.json's status, the harness's exit code when it failed, or that it was interrupted.</param>
public sealed record ScaleRow(double Scale, double OfferedPerMinute, ScaleSessions Sessions, double WindowMinutes, double HarnessCores,
    double HarnessUsPerSession, double EmulatorCores, double BackendCores, double HarnessPeakMb, double WorldPeakMb, double MachineBusyP50,
    double MachineBusyP95, double? LatenessP99Ms, string? Verdict, string Status);
