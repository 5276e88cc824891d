using Latency.Scenarios.Load;
using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Suites;

/// <summary>One scenario of a suite: the steps of an iteration, the load that drives iterations, and its thresholds.</summary>
/// <param name="Name">Unique in the suite; letters, digits, <c>_ . -</c> (used in file names and histogram tags).</param>
/// <param name="Steps">Run in order in each iteration.</param>
/// <param name="Load">Phases of load, run one after another.</param>
/// <param name="Thresholds">Pass/fail checks on the results; may be empty.</param>
/// <param name="WarmUp">Load applied before recording starts; zero for none.</param>
/// <param name="HttpVersion"><c>"1.1"</c> or <c>"2"</c>.</param>
/// <param name="Connections">Most iterations in flight at once.</param>
/// <param name="MaxStartDelay">An open-model iteration that cannot start within this of its intended start is dropped.</param>
/// <param name="Location">Where the scenario starts in the suite file.</param>
public sealed record ScenarioDefinition(
    string Name,
    IReadOnlyList<HttpStepDefinition> Steps,
    IReadOnlyList<LoadSimulation> Load,
    IReadOnlyList<ThresholdDefinition> Thresholds,
    TimeSpan WarmUp,
    string HttpVersion,
    int Connections,
    TimeSpan MaxStartDelay,
    SourceLocation? Location)
{
    /// <summary>Used when <c>connections</c> is not given.</summary>
    public const int DefaultConnections = 100;

    /// <summary>Used when <c>http</c> is not given.</summary>
    public const string DefaultHttpVersion = "1.1";

    /// <summary>Used when <c>max_start_delay</c> is not given.</summary>
    public static readonly TimeSpan DefaultMaxStartDelay = TimeSpan.FromSeconds(10);
}
