using Latency.Bench.Recording;

namespace Latency.Bench.Load;

/// <summary>What an iteration sees, as NBomber's <c>IScenarioContext</c>: its scenario, its number, a token that
/// fires when the run stops, and data the scenario's init put there.</summary>
public sealed class ScenarioContext
{
    internal ScenarioContext(
        string scenarioName,
        long invocationNumber,
        IReadOnlyDictionary<string, object> scenarioData,
        ScenarioCounters counters,
        LatencyRecorders recorders,
        MonotonicClock clock,
        bool recording,
        CancellationToken cancellationToken,
        long intendedStart = 0)
    {
        IntendedStart = intendedStart;
        ScenarioName = scenarioName;
        InvocationNumber = invocationNumber;
        ScenarioData = scenarioData;
        Counters = counters;
        Recorders = recorders;
        Clock = clock;
        IsRecording = recording;
        CancellationToken = cancellationToken;
    }

    public string ScenarioName { get; }

    /// <summary>
    /// When this iteration was meant to start (a <see cref="MonotonicClock"/> timestamp): its arrival's time
    /// in an open phase, the previous iteration's end in a closed one. Steps measured from it show a late start.
    /// </summary>
    public long IntendedStart { get; }

    /// <summary>0-based number of this iteration within the scenario.</summary>
    public long InvocationNumber { get; }

    /// <summary>What the scenario's init stored (e.g. an HTTP client); shared by all iterations, read-only here.</summary>
    public IReadOnlyDictionary<string, object> ScenarioData { get; }

    /// <summary>Fires when the run stops (end of a graceful-stop grace period, or a hard stop).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>False during warm-up: steps run but nothing is counted or recorded.</summary>
    public bool IsRecording { get; }

    internal ScenarioCounters Counters { get; }
    internal LatencyRecorders Recorders { get; }
    internal MonotonicClock Clock { get; }
}
