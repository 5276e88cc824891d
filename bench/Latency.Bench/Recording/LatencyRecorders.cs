using System.Collections.Concurrent;
using HdrHistogram;

namespace Latency.Bench.Recording;

/// <summary>
/// Recording from any thread without a lock: one HdrHistogram <see cref="Recorder"/> per metric, written by every
/// thread at once, and a reader that takes interval snapshots of all of them without stopping writers.
/// </summary>
/// <remarks>
/// <para>Why one recorder per metric, not one per thread and metric (wrk2's pattern, which this class used until
/// issue 16's one-hour soak): memory then grows as threads x metrics x ~190 KB. A study records ~1,850 metrics
/// (probe x workload x deployment x step x phase) from the 30-70 threads the pool runs, async code resumes on any of
/// them, and over an hour every thread comes to hold a recorder for nearly every metric: the default study at a quarter
/// of its rate reached 6 GB after 41 minutes and was still growing (56,750 interval histograms in a heap dump).
/// Shared, the recorders cost metrics x ~190 KB, whatever the threads and however long the run.</para>
/// <para>Many writers are what HdrHistogram's recorder is made for: its phaser lets any number of threads record while
/// the reader swaps the active histogram, and <see cref="IntConcurrentHistogram"/> counts with atomic increments, so no
/// value is lost to a race. The price on the hot path is two atomic operations a value (phaser and count) instead of
/// plain writes; 32-bit counts suffice, as one interval never holds 2^31 values in one bucket.</para>
/// <para>Metric ids are registered once (a lock only then) and index an array of recorders; a recorder is created on
/// the first value of its metric, so metrics registered but never recorded cost nothing, and the reader drains only
/// the metrics that had a value since its last drain (<see cref="MetricRecorder"/>).</para>
/// </remarks>
public sealed class LatencyRecorders
{
    private readonly object _registrationGate = new();
    private readonly ConcurrentDictionary<MetricKey, int> _ids = new();
    private volatile MetricKey[] _keys = [];
    private volatile MetricRecorder?[] _recorders = [];

    /// <summary>Recorders created so far, one per metric that has had a value (for tests and diagnostics).</summary>
    public int RecorderCount => _recorders.Count(r => r is not null);

    /// <summary>Metrics the last <see cref="DrainInto"/> drained: those that had a value since the drain before (for tests and diagnostics).</summary>
    public int DrainedLastTime { get; private set; }

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

    /// <summary>Records one value in microseconds (clamped to the histogram range) for the metric, from any thread.</summary>
    public void Record(int metricId, long micros)
    {
        var recorders = _recorders;
        var recorder = (uint)metricId < (uint)recorders.Length ? recorders[metricId] : null;
        (recorder ?? Create(metricId)).Record(HistogramSettings.Clamp(micros));
    }

    /// <summary>The recorder of <paramref name="metricId"/>, created (and the array grown) under the registration lock.</summary>
    private MetricRecorder Create(int metricId)
    {
        lock (_registrationGate)
        {
            var current = _recorders;
            if (metricId < current.Length && current[metricId] is { } existing)
            {
                return existing;
            }

            var grown = current.Length > metricId ? current : new MetricRecorder?[Math.Max(metricId + 1, current.Length * 2)];
            if (!ReferenceEquals(grown, current))
            {
                Array.Copy(current, grown, current.Length);
            }

            var recorder = grown[metricId] = new MetricRecorder(HistogramSettings.CreateRecorder());
            // Publishing a new array is safe: writers and the reader seeing the old one for a moment find the same
            // recorder objects in it, and a writer that finds none comes here and takes this one under the lock.
            _recorders = grown;
            return recorder;
        }
    }

    /// <summary>
    /// Moves everything recorded since the last call into <paramref name="intervals"/> (one histogram per metric id,
    /// created on demand). Called from one reader thread at a time.
    /// </summary>
    public void DrainInto(List<HistogramBase?> intervals, ref IntHistogram? scratch)
    {
        var keys = _keys;
        while (intervals.Count < keys.Length)
        {
            intervals.Add(null);
        }

        var recorders = _recorders;
        var drained = 0;
        for (var id = 0; id < recorders.Length; id++)
        {
            // A metric with no value since the last drain is passed over (see MetricRecorder for why).
            if (recorders[id] is not { } recorder || !recorder.TakePending())
            {
                continue;
            }

            drained++;
            scratch ??= new IntHistogram(HistogramSettings.LowestMicros, HistogramSettings.HighestMicros, HistogramSettings.SignificantDigits);
            recorder.Recorder.GetIntervalHistogramInto(scratch);
            if (scratch.TotalCount == 0)
            {
                continue;
            }

            // A metric registered after the snapshot of keys above may already hold values.
            while (intervals.Count <= id)
            {
                intervals.Add(null);
            }

            var target = intervals[id] ??= HistogramSettings.CreateTotal();
            target.Add(scratch);
        }

        DrainedLastTime = drained;
    }
}
