using System.Collections.Concurrent;
using HdrHistogram;

namespace Latency.Bench.Recording;

/// <summary>
/// Lock-free recording: each thread writes into its own HdrHistogram <see cref="Recorder"/> per metric (wrk2 and
/// HdrHistogram.NET's pattern), and a reader takes interval snapshots of all of them without stopping writers.
/// </summary>
/// <remarks>
/// "Worker" here means recording thread, not async copy: an async iteration may resume on any thread-pool thread,
/// and one recorder per copy would cost ~190 KB x metrics x copies (thousands of copies at high rates), while the
/// threads that actually run code number a handful on this machine. A recorder is written only by the thread
/// that owns it, so there is no lock and no atomic on the hot path; Recorder's phaser makes the snapshot safe.
/// Metric ids are registered once (a lock only then) and index a per-thread array.
/// </remarks>
public sealed class LatencyRecorders
{
    private readonly object _registrationGate = new();
    private readonly ConcurrentDictionary<MetricKey, int> _ids = new();
    private volatile MetricKey[] _keys = [];
    private readonly ThreadLocal<Recorder?[]> _perThread = new(() => [], trackAllValues: true);

    /// <summary>The id of a metric, registering it on first use.</summary>
    public int Register(MetricKey key)
    {
        if (_ids.TryGetValue(key, out var id))
        {
            return id;
        }

        lock (_registrationGate)
        {
            if (_ids.TryGetValue(key, out id))
            {
                return id;
            }

            id = _keys.Length;
            _keys = [.. _keys, key];
            _ids[key] = id;
            return id;
        }
    }

    public IReadOnlyList<MetricKey> Keys => _keys;

    /// <summary>Records one value in microseconds (clamped to the histogram range) for the metric on this thread.</summary>
    public void Record(int metricId, long micros)
    {
        var recorders = _perThread.Value!;
        if ((uint)metricId >= (uint)recorders.Length || recorders[metricId] is null)
        {
            recorders = Grow(metricId);
        }

        recorders[metricId]!.RecordValue(HistogramSettings.Clamp(micros));
    }

    private Recorder?[] Grow(int metricId)
    {
        var current = _perThread.Value!;
        var grown = current.Length > metricId ? current : new Recorder?[Math.Max(metricId + 1, current.Length * 2)];
        if (!ReferenceEquals(grown, current))
        {
            Array.Copy(current, grown, current.Length);
        }

        grown[metricId] ??= HistogramSettings.CreateRecorder();
        // Publishing a new array is safe: only this thread writes it; the reader tolerates seeing the old one for a
        // moment, since the recorders it already holds are the same objects.
        _perThread.Value = grown;
        return grown;
    }

    /// <summary>
    /// Moves everything recorded since the last call into <paramref name="intervals"/> (one histogram per metric id,
    /// created on demand) and returns how many metrics had values. Called from one reader thread at a time.
    /// </summary>
    public void DrainInto(List<HistogramBase?> intervals, ref IntHistogram? scratch)
    {
        var keys = _keys;
        while (intervals.Count < keys.Length)
        {
            intervals.Add(null);
        }

        foreach (var recorders in _perThread.Values)
        {
            for (var id = 0; id < recorders.Length; id++)
            {
                var recorder = recorders[id];
                if (recorder is null)
                {
                    continue;
                }

                scratch ??= new IntHistogram(HistogramSettings.LowestMicros, HistogramSettings.HighestMicros, HistogramSettings.SignificantDigits);
                recorder.GetIntervalHistogramInto(scratch);
                if (scratch.TotalCount == 0)
                {
                    continue;
                }

                // A metric registered after the snapshot of keys above may already hold values on this thread.
                while (intervals.Count <= id)
                {
                    intervals.Add(null);
                }

                var target = intervals[id] ??= HistogramSettings.CreateTotal();
                target.Add(scratch);
            }
        }
    }
}
