namespace Latency.Scenarios.Load;

/// <summary>
/// One phase of load, as in NBomber's <c>LoadSimulation</c>. The hierarchy is closed: every case is a sealed record
/// in this folder, and <see cref="LoadTimeline"/> compiles a list of them into a timeline before a run starts.
/// </summary>
/// <remarks>
/// Open models (<see cref="Inject"/>, <see cref="InjectRandom"/>, <see cref="RampingInject"/>) issue iterations at a
/// rate that does not depend on how fast the system answers: a slow answer never delays the next arrival, which is
/// what makes coordinated omission visible. Closed models (<see cref="KeepConstant"/>,
/// <see cref="RampingConstant"/>, <see cref="IterationsForConstant"/>) keep a number of copies busy, each starting
/// its next iteration when the previous one ends.
/// </remarks>
public abstract record LoadSimulation
{
    private protected LoadSimulation() { }

    /// <summary>How long this phase lasts, when that is known before the run (not for <see cref="IterationsForConstant"/>).</summary>
    public abstract TimeSpan? PlannedDuration { get; }

    /// <summary>True for open models (arrival rate), false for closed ones (copies) and <see cref="Pause"/>.</summary>
    public abstract bool IsOpenModel { get; }

    /// <summary>The name used in suite files and error messages, e.g. <c>inject</c>.</summary>
    public abstract string Kind { get; }
}
