using System.Collections.Concurrent;
using Latency.Bench.Recording;

namespace Latency.Bench.Load;

/// <summary>
/// Live counts of one scenario. <c>Dropped</c> iterations were due but could not start within the scenario's
/// max start delay (every worker busy) or were still queued when the run stopped: they are counted, never silently
/// absorbed. <c>Late</c> iterations started after <see cref="LateThreshold"/> but within the delay; their waiting
/// time is in the corrected latency.
/// </summary>
public sealed class ScenarioCounters
{
    /// <summary>Scheduling tolerance: a timer wakes up to a millisecond or two late on a loaded machine.</summary>
    public static readonly TimeSpan LateThreshold = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<string, StepCounters> _steps = new(StringComparer.Ordinal);
    private readonly List<string> _stepOrder = [];
    private readonly LatencyRecorders _recorders;
    private volatile StepCounters? _lastStep;
    private long _intended;
    private long _started;
    private long _completed;
    private long _ok;
    private long _failed;
    private long _dropped;
    private long _late;

    internal ScenarioCounters(string scenario, LatencyRecorders recorders)
    {
        Scenario = scenario;
        _recorders = recorders;
        CorrectedMetric = recorders.Register(new MetricKey(scenario, MetricKey.IterationStep, MetricKinds.Corrected));
        UncorrectedMetric = recorders.Register(new MetricKey(scenario, MetricKey.IterationStep, MetricKinds.Uncorrected));
    }

    public string Scenario { get; }
    internal int CorrectedMetric { get; }
    internal int UncorrectedMetric { get; }

    public ErrorCounts Errors { get; } = new();

    public long Intended => Interlocked.Read(ref _intended);
    public long Started => Interlocked.Read(ref _started);
    public long Completed => Interlocked.Read(ref _completed);
    public long Ok => Interlocked.Read(ref _ok);
    public long Failed => Interlocked.Read(ref _failed);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Late => Interlocked.Read(ref _late);

    /// <summary>Steps in the order they first ran.</summary>
    public IReadOnlyList<StepCounters> Steps
    {
        get
        {
            lock (_stepOrder)
            {
                return _stepOrder.Select(name => _steps[name]).ToList();
            }
        }
    }

    internal StepCounters Step(string name)
    {
        // Most scenarios run one step, or the same few in turn, named by the same string instance every time: a
        // reference check finds it without hashing the name on every request (issue 17).
        if (_lastStep is { } last && (ReferenceEquals(last.Name, name) || last.Name == name))
        {
            return last;
        }

        if (_steps.TryGetValue(name, out var counters))
        {
            _lastStep = counters;
            return counters;
        }

        lock (_stepOrder)
        {
            if (!_steps.TryGetValue(name, out counters))
            {
                counters = new StepCounters(name, _recorders, Scenario);
                _steps[name] = counters;
                _stepOrder.Add(name);
            }

            return counters;
        }
    }

    internal void CountIntended() => Interlocked.Increment(ref _intended);
    internal void CountDropped() => Interlocked.Increment(ref _dropped);
    internal void CountStarted(bool late)
    {
        Interlocked.Increment(ref _started);
        if (late)
        {
            Interlocked.Increment(ref _late);
        }
    }

    internal void CountCompleted(bool isError, string? errorKind)
    {
        Interlocked.Increment(ref _completed);
        if (isError)
        {
            Interlocked.Increment(ref _failed);
            Errors.Add(errorKind ?? "error");
        }
        else
        {
            Interlocked.Increment(ref _ok);
        }
    }
}
