using BenchmarkDotNet.Attributes;
using HdrHistogram;
using Latency.Bench.Recording;

namespace Latency.Micro.Recording;

/// <summary>
/// The cost of recording one latency value, the engine's hottest path (every iteration records two values, every step
/// one plus its phases). <see cref="LongHistogramFloor"/> is the floor: a bare histogram increment with no
/// thread safety. The other rows add what the engine needs on top: a <see cref="Recorder"/> (phaser, so interval
/// snapshots never stop writers), then <see cref="LatencyRecorders"/> (per-thread lookup and clamping), then the
/// timestamp read and conversion that precede every record. None of them may allocate.
/// </summary>
[MemoryDiagnoser]
public class RecordingBenchmarks
{
    // A power of two, so the next value is a mask away; values spread over many buckets like real latencies do
    // (a constant value would keep one counter hot in cache and flatter every row).
    private const int ValueCount = 4096;
    private readonly long[] _values = new long[ValueCount];
    private readonly MonotonicClock _clock = MonotonicClock.System;
    private LatencyRecorders _recorders = null!;
    private int _metric;
    private LongHistogram _floor = null!;
    private Recorder _recorder = null!;
    private long _start;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        // Log-uniform between 100 us and 2 s: the range a handset request spans.
        var random = new Random(42);
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = (long)Math.Exp(Math.Log(100) + random.NextDouble() * (Math.Log(2_000_000) - Math.Log(100)));
        }

        _floor = HistogramSettings.CreateTotal();
        _recorder = HistogramSettings.CreateRecorder();
        _recorders = new LatencyRecorders();
        _metric = _recorders.Register(new MetricKey("micro", "get", MetricKinds.Corrected));
        // The first record on a thread creates its recorder (once per thread and metric, not the hot path).
        _recorders.Record(_metric, 1);
        _start = _clock.Now;
    }

    /// <summary>The floor: LongHistogram.RecordValue, a bare increment with no thread safety.</summary>
    [Benchmark(Baseline = true)]
    public void LongHistogramFloor() => _floor.RecordValue(NextValue());

    /// <summary>Recorder.RecordValue over an IntHistogram, as HistogramSettings.CreateRecorder builds it.</summary>
    [Benchmark]
    public void RecorderIntHistogram() => _recorder.RecordValue(NextValue());

    [Benchmark]
    public void LatencyRecordersRecord() => _recorders.Record(_metric, NextValue());

    /// <summary>What the engine does per value: read the clock, convert ticks to microseconds, record.</summary>
    [Benchmark]
    public void ClockThenRecord() => _recorders.Record(_metric, _clock.ToMicroseconds(_clock.Now - _start));

    private long NextValue() => _values[_next++ & (ValueCount - 1)];
}
