namespace Latency.Scenarios.Load;

/// <summary>
/// Load simulations compiled into phases before a run starts. A pure function of its inputs (the seed fixes
/// <see cref="InjectRandom"/>'s draws), so a timeline is tested without a clock and a run can be reproduced.
/// </summary>
public sealed record LoadTimeline(IReadOnlyList<TimelinePhase> Phases)
{
    /// <summary>True when the scenario issues arrivals at a rate (open model), false when it keeps copies busy.</summary>
    public bool IsOpenModel => Phases.Any(p => p.IsOpen);

    /// <summary>Duration known before the run; null when a phase ends on an iteration count.</summary>
    public TimeSpan? PlannedDuration =>
        Phases.All(p => p.Duration is not null) ? Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration!.Value) : null;

    /// <summary>Open-model arrivals the timeline plans (closed phases plan none up front).</summary>
    public long PlannedArrivals => Phases.Where(p => p.Pacer is not null).Sum(p => p.Pacer!.PlannedArrivals);

    /// <summary>Most copies any closed phase runs at once.</summary>
    public int MaxCopies => Phases.Count == 0 ? 0 : Phases.Max(p => p.MaxCopies);

    /// <summary>
    /// Validates and compiles. Every problem is returned at once; the timeline is null when there is any.
    /// Open and closed phases may not be mixed in one scenario (as in NBomber): a scenario either sets the arrival
    /// rate or the number of copies, and its latency means something different in each case.
    /// </summary>
    public static (LoadTimeline? Timeline, IReadOnlyList<LoadSimulationProblem> Problems) Compile(
        IReadOnlyList<LoadSimulation> simulations, int seed)
    {
        var problems = LoadSimulationValidator.Validate(simulations).ToList();
        var hasOpen = simulations.Any(s => s.IsOpenModel);
        var firstClosed = simulations.Select((s, i) => (s, i)).FirstOrDefault(x => !x.s.IsOpenModel && x.s is not Pause);
        if (hasOpen && firstClosed.s is not null)
        {
            problems.Add(new LoadSimulationProblem(firstClosed.i,
                $"{firstClosed.s.Kind}: open-model (inject*) and closed-model (copies) simulations cannot be mixed in one scenario; split them into two scenarios"));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var phases = new List<TimelinePhase>(simulations.Count);
        double previousRate = 0;
        var previousCopies = 0;
        for (var i = 0; i < simulations.Count; i++)
        {
            var simulation = simulations[i];
            TimelinePhase phase;
            switch (simulation)
            {
                case Inject s:
                    var rate = s.Rate / s.Interval.TotalSeconds;
                    phase = new TimelinePhase(i, s, new LinearRatePacer(rate, rate, s.During), 0, 0, s.During, null);
                    previousRate = rate;
                    break;
                case RampingInject s:
                    var target = s.Rate / s.Interval.TotalSeconds;
                    phase = new TimelinePhase(i, s, new LinearRatePacer(previousRate, target, s.During), 0, 0, s.During, null);
                    previousRate = target;
                    break;
                case InjectRandom s:
                    phase = new TimelinePhase(i, s, new PoissonPacer(s, StableSeed.Mix(seed, i)), 0, 0, s.During, null);
                    previousRate = (s.MinRate + s.MaxRate) / 2 / s.Interval.TotalSeconds;
                    break;
                case KeepConstant s:
                    phase = new TimelinePhase(i, s, null, s.Copies, s.Copies, s.During, null);
                    previousCopies = s.Copies;
                    break;
                case RampingConstant s:
                    phase = new TimelinePhase(i, s, null, previousCopies, s.Copies, s.During, null);
                    previousCopies = s.Copies;
                    break;
                case IterationsForConstant s:
                    phase = new TimelinePhase(i, s, null, s.Copies, s.Copies, null, s.Iterations);
                    previousCopies = s.Copies;
                    break;
                case Pause s:
                    phase = new TimelinePhase(i, s, null, 0, 0, s.During, null);
                    previousRate = 0;
                    previousCopies = 0;
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled load simulation {simulation.GetType().Name}");
            }

            phases.Add(phase);
        }

        return (new LoadTimeline(phases), []);
    }
}
