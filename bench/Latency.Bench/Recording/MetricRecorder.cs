using HdrHistogram;

namespace Latency.Bench.Recording;

/// <summary>
/// One metric's recorder and whether it has been given a value since the interval reader last drained it, so the
/// reader can pass over the metrics that had none.
/// </summary>
/// <remarks>
/// Why the flag: draining a recorder swaps its histogram, copies every bucket of the old one and clears it, ~23,000
/// buckets for the engine's range (1 us to 1 h, 3 digits) with an atomic operation each on a concurrent histogram,
/// whether it holds values or not. A study has ~1,850-3,750 metrics and most of them get nothing in a given second:
/// draining them all each second cost the default study's harness 0.6-1.0 of the machine's 2 cores whatever its
/// session rate (perf: 60% of its CPU in <c>IntConcurrentHistogram.ClearCounts</c> and the copy's bucket reads).
/// </remarks>
internal sealed class MetricRecorder(Recorder recorder)
{
    private int _pending;

    public Recorder Recorder { get; } = recorder;

    /// <summary>Records one value and marks the metric for the next drain.</summary>
    public void Record(long value)
    {
        Recorder.RecordValue(value);
        // After the value, so a value recorded into the histogram the reader has just swapped in is flagged after the
        // reader cleared the flag (it clears before the swap). Written only when not already set: no shared cache line
        // is dirtied by every value of a busy metric.
        if (Volatile.Read(ref _pending) == 0)
        {
            Volatile.Write(ref _pending, 1);
        }
    }

    /// <summary>
    /// Whether the metric had a value since the last call, clearing the mark; call just before draining
    /// <see cref="Recorder"/>. A value recorded meanwhile is either in what is drained now or marked for the next drain.
    /// </summary>
    public bool TakePending() => Interlocked.Exchange(ref _pending, 0) != 0;
}
