using Latency.Bench.Recording;

namespace Latency.Bench.Load;

/// <summary>Per step: request outcomes and the metric ids its values go to (looked up once per step name).</summary>
public sealed class StepCounters
{
    private long _requests;
    private long _ok;
    private long _failed;

    internal StepCounters(string name, LatencyRecorders recorders, string scenario)
    {
        Name = name;
        DurationMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Uncorrected));
        FailedMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Failed));
        LatenessMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Lateness));
        DnsMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Dns));
        ConnectMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Connect));
        TlsMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Tls));
        TtfbMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Ttfb));
        TransferMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Transfer));
        ThinkMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Think));
        OtherMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Other));
        RadioMetric = recorders.Register(new MetricKey(scenario, name, MetricKinds.Radio));
    }

    public string Name { get; }

    /// <summary>Durations of successful runs only (<see cref="FailedMetric"/> has the rest).</summary>
    internal int DurationMetric { get; }

    internal int FailedMetric { get; }

    /// <summary>How late runs started against their intended time (steps run with one).</summary>
    internal int LatenessMetric { get; }
    internal int DnsMetric { get; }
    internal int ConnectMetric { get; }
    internal int TlsMetric { get; }
    internal int TtfbMetric { get; }
    internal int TransferMetric { get; }

    /// <summary>Critical-path think time of composite steps (sessions).</summary>
    internal int ThinkMetric { get; }

    /// <summary>What a composite step's critical path does not cover.</summary>
    internal int OtherMetric { get; }

    /// <summary>Critical-path radio time of sessions that had a radio.</summary>
    internal int RadioMetric { get; }

    public ErrorCounts Errors { get; } = new();

    public long Requests => Interlocked.Read(ref _requests);
    public long Ok => Interlocked.Read(ref _ok);
    public long Failed => Interlocked.Read(ref _failed);

    internal void Count(bool isError, string? errorKind)
    {
        Interlocked.Increment(ref _requests);
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
