using Latency.Scenarios.Load;

namespace Latency.Bench.Load;

/// <summary>
/// An immutable scenario description; every <c>With...</c> returns a copy (NBomber's C# API, YARP's configs).
/// </summary>
public sealed record ScenarioProps(string Name, Func<ScenarioContext, Task<Response>> Run)
{
    public TimeSpan WarmUpDuration { get; init; }

    /// <summary>
    /// Iterations run back to back, unrecorded, before the timeline (and before any <see cref="WarmUpDuration"/>):
    /// a cold process (JIT, connection and TLS set-up paths, pools) is not what a run measures. Iterations not
    /// started within <see cref="WarmUpIterationsLimit"/> are skipped, so a slow scenario cannot stretch the run.
    /// </summary>
    public int WarmUpIterations { get; init; }

    /// <summary>How long <see cref="WarmUpIterations"/> may go on starting iterations.</summary>
    public TimeSpan WarmUpIterationsLimit { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<LoadSimulation> LoadSimulations { get; init; } = [];

    /// <summary>
    /// Open phases: asked at each arrival's time with its index in the phase; an arrival it refuses is not issued
    /// (neither counted nor run). With a test independent of the arrival times this thins the pacer's process, and a
    /// Poisson process thinned with probability q is a Poisson process at q times the rate: a controller can lower a
    /// scenario's rate during the run while the pacer stays a pure function. Null: every arrival is issued.
    /// </summary>
    public Func<long, bool>? ArrivalFilter { get; init; }

    public Func<ScenarioInitContext, Task>? Init { get; init; }

    public Func<ScenarioInitContext, Task>? Clean { get; init; }

    /// <summary>Checks such as <c>p99 &lt; 800ms</c> or <c>errors &lt; 1%</c> (grammar in docs/suite-reference.md).</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>Most iterations in flight at once (the open model's worker pool, like wrk2's connections).</summary>
    public int MaxConcurrency { get; init; } = 100;

    /// <summary>An open-model iteration that cannot start within this of its intended start is dropped.</summary>
    public TimeSpan MaxStartDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seed of random arrivals (<c>InjectRandom</c>), so a timeline is reproducible.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Free-form facts reports show with the scenario (e.g. the HTTP version and target).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public ScenarioProps WithWarmUpDuration(TimeSpan duration) => this with { WarmUpDuration = duration };

    public ScenarioProps WithoutWarmUp() => this with { WarmUpDuration = TimeSpan.Zero, WarmUpIterations = 0 };

    /// <summary>Runs <paramref name="iterations"/> unrecorded iterations first, starting none after <paramref name="limit"/> (default 30 s).</summary>
    public ScenarioProps WithWarmUpIterations(int iterations, TimeSpan? limit = null) =>
        this with { WarmUpIterations = iterations, WarmUpIterationsLimit = limit ?? WarmUpIterationsLimit };

    public ScenarioProps WithLoadSimulations(params LoadSimulation[] simulations) => this with { LoadSimulations = simulations };

    public ScenarioProps WithArrivalFilter(Func<long, bool>? filter) => this with { ArrivalFilter = filter };

    public ScenarioProps WithInit(Func<ScenarioInitContext, Task> init) => this with { Init = init };

    public ScenarioProps WithClean(Func<ScenarioInitContext, Task> clean) => this with { Clean = clean };

    public ScenarioProps WithThresholds(params string[] thresholds) => this with { Thresholds = thresholds };

    public ScenarioProps WithMaxConcurrency(int maxConcurrency) => this with { MaxConcurrency = maxConcurrency };

    public ScenarioProps WithMaxStartDelay(TimeSpan delay) => this with { MaxStartDelay = delay };

    public ScenarioProps WithSeed(int seed) => this with { Seed = seed };

    public ScenarioProps WithLabels(IReadOnlyDictionary<string, string> labels) => this with { Labels = labels };
}
