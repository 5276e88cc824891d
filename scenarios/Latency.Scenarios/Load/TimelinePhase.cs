namespace Latency.Scenarios.Load;

/// <summary>
/// One compiled phase of a timeline. Open phases carry a <see cref="Pacer"/>; closed phases carry how many copies
/// run at each moment (<see cref="CopiesAt"/>) and, for <see cref="IterationsForConstant"/>, an iteration budget.
/// </summary>
public sealed record TimelinePhase(
    int Index,
    LoadSimulation Simulation,
    IPacer? Pacer,
    int StartCopies,
    int EndCopies,
    TimeSpan? Duration,
    long? IterationBudget)
{
    public bool IsOpen => Pacer is not null;

    public bool IsPause => Simulation is Pause;

    /// <summary>The most copies this phase ever runs at once.</summary>
    public int MaxCopies => Math.Max(StartCopies, EndCopies);

    /// <summary>Copies that should be running <paramref name="elapsed"/> into a closed phase (linear for ramps, rounded to nearest).</summary>
    public int CopiesAt(TimeSpan elapsed)
    {
        if (Duration is not { } duration || duration <= TimeSpan.Zero || StartCopies == EndCopies)
        {
            return EndCopies;
        }

        var fraction = Math.Clamp(elapsed / duration, 0, 1);
        return (int)Math.Round(StartCopies + (EndCopies - StartCopies) * fraction, MidpointRounding.AwayFromZero);
    }

    /// <summary>Human form for run.json and progress, e.g. <c>inject 500 per 1s for 10s</c>.</summary>
    public string Describe() => Simulation switch
    {
        Inject s => $"inject {s.Rate:0.###} per {Format(s.Interval)} for {Format(s.During)}",
        InjectRandom s => $"inject_random {s.MinRate:0.###}-{s.MaxRate:0.###} per {Format(s.Interval)} for {Format(s.During)}",
        RampingInject s => $"ramping_inject to {s.Rate:0.###} per {Format(s.Interval)} over {Format(s.During)}",
        KeepConstant s => $"keep_constant {s.Copies} copies for {Format(s.During)}",
        RampingConstant s => $"ramping_constant to {s.Copies} copies over {Format(s.During)}",
        IterationsForConstant s => $"iterations_for_constant {s.Copies} copies, {s.Iterations} iterations",
        Pause s => $"pause {Format(s.During)}",
        _ => Simulation.Kind,
    };

    private static string Format(TimeSpan t) =>
        t.TotalMilliseconds < 1000 ? $"{t.TotalMilliseconds:0.###}ms" : $"{t.TotalSeconds:0.###}s";
}
