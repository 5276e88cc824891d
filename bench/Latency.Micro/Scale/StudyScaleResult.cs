namespace Latency.Micro.Scale;

/// <summary>Everything <c>study-scale</c> measured, for its report.</summary>
/// <param name="Options">What ran.</param>
/// <param name="CommandLine">The command as given.</param>
/// <param name="Machine">Processors, CPU model and load average at the start.</param>
/// <param name="Harness">Which harness binary ran, and its version or commit when known.</param>
/// <param name="Steps">The scale steps that ran, in order.</param>
/// <param name="Interrupted">True when Ctrl-C stopped it: the last step is partial and later ones did not run.</param>
public sealed record StudyScaleResult(StudyScaleOptions Options, string CommandLine, string Machine, string Harness, IReadOnlyList<ScaleStep> Steps,
    bool Interrupted);
