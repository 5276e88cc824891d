using BenchmarkDotNet.Attributes;
using Latency.Bench.Recording;

namespace Latency.Micro.Recording;

/// <summary>
/// The once-per-interval snapshot (<see cref="IntervalCollector.Collect"/>): drains every recorder, adds each interval
/// to the run totals and copies it for the .hlog sink. It runs once a second, off the hot path, so allocation is
/// expected here; what matters is that it stays far below the interval length and does not stall writers.
/// <see cref="Metrics"/> is the number of histograms, e.g. 7 for one HTTP step (corrected, uncorrected, step
/// duration, connect, ttfb, transfer, and one more step).
/// </summary>
[MemoryDiagnoser]
public class IntervalCollectorBenchmarks
{
    private static readonly string[] Kinds =
        [MetricKinds.Corrected, MetricKinds.Uncorrected, MetricKinds.Dns, MetricKinds.Connect, MetricKinds.Tls, MetricKinds.Ttfb, MetricKinds.Transfer];

    private LatencyRecorders _recorders = null!;
    private IntervalCollector _collector = null!;
    private int[] _ids = [];
    private long _value;

    [Params(2, 7)]
    public int Metrics { get; set; }

    /// <summary>Values recorded per metric between two snapshots.</summary>
    [Params(0, 1000)]
    public int ValuesPerInterval { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _recorders = new LatencyRecorders();
        _ids = Enumerable.Range(0, Metrics).Select(i => _recorders.Register(new MetricKey("micro", "get", Kinds[i % Kinds.Length]))).ToArray();
        foreach (var id in _ids)
        {
            _recorders.Record(id, 1);
        }

        _collector = new IntervalCollector(_recorders, MonotonicClock.System);
        _collector.Collect();
    }

    [Benchmark]
    public int RecordThenCollect()
    {
        foreach (var id in _ids)
        {
            for (var i = 0; i < ValuesPerInterval; i++)
            {
                // 100 us to ~100 ms, spread over buckets.
                _value = (_value * 31 + 7) % 100_000;
                _recorders.Record(id, 100 + _value);
            }
        }

        return _collector.Collect().Count;
    }
}
