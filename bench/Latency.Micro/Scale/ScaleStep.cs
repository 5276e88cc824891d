using Latency.Micro.Soak;

namespace Latency.Micro.Scale;

/// <summary>One scale step of <c>study-scale</c>: its row and what the report says besides.</summary>
/// <param name="Row">The figures.</param>
/// <param name="Suite">The suite as run, with its rates.</param>
/// <param name="From">The measured window's start.</param>
/// <param name="To">The measured window's end.</param>
/// <param name="Readings">Readings in the window.</param>
/// <param name="ExitCode">The harness's exit code.</param>
/// <param name="LoadAtStart">/proc/loadavg when the harness started.</param>
/// <param name="HarnessOutput">What the harness printed.</param>
public sealed record ScaleStep(ScaleRow Row, ScaledSuite Suite, DateTimeOffset From, DateTimeOffset To, int Readings, int ExitCode, string LoadAtStart,
    string HarnessOutput);
