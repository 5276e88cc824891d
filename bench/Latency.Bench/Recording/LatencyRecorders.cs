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
/// The thread pool retires idle threads and starts new ones all the time (28-45 threads in a 10,000-handset soak), and
/// each new recording thread needs recorders for every metric it writes: kept for dead threads, as ThreadLocal's
/// trackAllValues does, they grew the harness by ~12 MiB a minute until a 256 MiB heap limit killed it. So a dead
/// thread's recorders are drained one last time and handed to the next new thread instead.
/// </remarks>
public sealed class LatencyRecorders
{
    private readonly object _registrationGate = new();
    private readonly ConcurrentDictionary<MetricKey, int> _ids = new();
    private volatile MetricKey[] _keys = [];
    private readonly ThreadLocal<ThreadRecorders> _perThread;
    private readonly object _threadsGate = new();
    private readonly List<ThreadRecorders> _threads = [];
    private readonly Stack<Recorder?[]> _spare = new();

    /// <summary>Creates an empty set: no metrics, no threads.</summary>
    public LatencyRecorders()
    {
        _perThread = new ThreadLocal<ThreadRecorders>(Adopt);
    }

    /// <summary>Threads that recorded and are not yet known dead (for tests and diagnostics).</summary>
    public int RecordingThreads
    {
        get
        {
            lock (_threadsGate)
            {
                return _threads.Count;
            }
        }
    }

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
        var recorders = _perThread.Value!.Recorders;
        if ((uint)metricId >= (uint)recorders.Length || recorders[metricId] is null)
        {
            recorders = Grow(metricId);
        }

        recorders[metricId]!.RecordValue(HistogramSettings.Clamp(micros));
    }

    /// <summary>A new recording thread's slot: a dead thread's recorders when there are any, else none yet.</summary>
    private ThreadRecorders Adopt()
    {
        lock (_threadsGate)
        {
            var slot = new ThreadRecorders(Thread.CurrentThread, _spare.Count > 0 ? _spare.Pop() : []);
            _threads.Add(slot);
            return slot;
        }
    }

    private Recorder?[] Grow(int metricId)
    {
        var slot = _perThread.Value!;
        var current = slot.Recorders;
        var grown = current.Length > metricId ? current : new Recorder?[Math.Max(metricId + 1, current.Length * 2)];
        if (!ReferenceEquals(grown, current))
        {
            Array.Copy(current, grown, current.Length);
        }

        grown[metricId] ??= HistogramSettings.CreateRecorder();
        // Publishing a new array is safe: only this thread writes it; the reader tolerates seeing the old one for a
        // moment, since the recorders it already holds are the same objects.
        slot.Recorders = grown;
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

        ThreadRecorders[] threads;
        lock (_threadsGate)
        {
            threads = [.. _threads];
        }

        foreach (var thread in threads)
        {
            // Dead before its last drain, so nothing can be written after it: its recorders can go to a new thread.
            var dead = !thread.Owner.IsAlive;
            var recorders = thread.Recorders;
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

            if (dead)
            {
                lock (_threadsGate)
                {
                    _threads.Remove(thread);
                    _spare.Push(recorders);
                }
            }
        }
    }
}
