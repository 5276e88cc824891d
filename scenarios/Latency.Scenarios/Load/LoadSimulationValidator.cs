namespace Latency.Scenarios.Load;

/// <summary>
/// Checks a list of load simulations and returns every problem at once. Pure: the same list gives the same
/// answer; loaders attach file locations to the indexes it reports.
/// </summary>
public static class LoadSimulationValidator
{
    /// <summary>Upper bound on one phase, so a typo such as <c>during: 10h</c> in a suite is caught (a day).</summary>
    public static readonly TimeSpan MaxPhaseDuration = TimeSpan.FromDays(1);

    public static IReadOnlyList<LoadSimulationProblem> Validate(IReadOnlyList<LoadSimulation> simulations)
    {
        var problems = new List<LoadSimulationProblem>();
        if (simulations.Count == 0)
        {
            problems.Add(new LoadSimulationProblem(-1, "at least one load simulation is required"));
        }

        for (var i = 0; i < simulations.Count; i++)
        {
            foreach (var message in Check(simulations[i]))
            {
                problems.Add(new LoadSimulationProblem(i, $"{simulations[i].Kind}: {message}"));
            }
        }

        return problems;
    }

    private static IEnumerable<string> Check(LoadSimulation simulation)
    {
        switch (simulation)
        {
            case Inject inject:
                foreach (var m in CheckRate("rate", inject.Rate, allowZero: false)) yield return m;
                foreach (var m in CheckInterval(inject.Interval, inject.During)) yield return m;
                break;
            case RampingInject ramp:
                foreach (var m in CheckRate("rate", ramp.Rate, allowZero: true)) yield return m;
                foreach (var m in CheckInterval(ramp.Interval, ramp.During)) yield return m;
                break;
            case InjectRandom random:
                foreach (var m in CheckRate("min_rate", random.MinRate, allowZero: true)) yield return m;
                foreach (var m in CheckRate("max_rate", random.MaxRate, allowZero: false)) yield return m;
                if (random.MaxRate < random.MinRate)
                {
                    yield return $"max_rate ({random.MaxRate}) must be >= min_rate ({random.MinRate})";
                }

                foreach (var m in CheckInterval(random.Interval, random.During)) yield return m;
                break;
            case KeepConstant keep:
                if (keep.Copies <= 0) yield return $"copies must be > 0 (got {keep.Copies})";
                foreach (var m in CheckDuration(keep.During)) yield return m;
                break;
            case RampingConstant ramp:
                if (ramp.Copies < 0) yield return $"copies must be >= 0 (got {ramp.Copies})";
                foreach (var m in CheckDuration(ramp.During)) yield return m;
                break;
            case IterationsForConstant iterations:
                if (iterations.Copies <= 0) yield return $"copies must be > 0 (got {iterations.Copies})";
                if (iterations.Iterations <= 0) yield return $"iterations must be > 0 (got {iterations.Iterations})";
                break;
            case Pause pause:
                foreach (var m in CheckDuration(pause.During)) yield return m;
                break;
            default:
                yield return $"unknown load simulation {simulation.GetType().Name}";
                break;
        }
    }

    private static IEnumerable<string> CheckRate(string name, double rate, bool allowZero)
    {
        if (double.IsNaN(rate) || double.IsInfinity(rate))
        {
            yield return $"{name} must be a finite number";
        }
        else if (allowZero ? rate < 0 : rate <= 0)
        {
            yield return $"{name} must be {(allowZero ? ">= 0" : "> 0")} (got {rate})";
        }
    }

    private static IEnumerable<string> CheckInterval(TimeSpan interval, TimeSpan during)
    {
        if (interval <= TimeSpan.Zero)
        {
            yield return $"interval must be > 0 (got {interval.TotalMilliseconds} ms)";
        }

        foreach (var m in CheckDuration(during)) yield return m;
        if (interval > TimeSpan.Zero && during > TimeSpan.Zero && interval > during)
        {
            yield return $"interval ({interval.TotalSeconds} s) must not be longer than during ({during.TotalSeconds} s)";
        }
    }

    private static IEnumerable<string> CheckDuration(TimeSpan during)
    {
        if (during <= TimeSpan.Zero)
        {
            yield return $"during must be > 0 (got {during.TotalSeconds} s)";
        }
        else if (during > MaxPhaseDuration)
        {
            yield return $"during must be at most {MaxPhaseDuration.TotalHours} h (got {during.TotalHours} h)";
        }
    }
}
