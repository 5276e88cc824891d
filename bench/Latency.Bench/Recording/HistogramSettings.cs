using HdrHistogram;

namespace Latency.Bench.Recording;

/// <summary>One shape for every histogram of a run, so any two add losslessly: 1 us to 1 h, 3 significant digits.</summary>
public static class HistogramSettings
{
    public const long LowestMicros = 1;
    public const long HighestMicros = 3_600_000_000;
    public const int SignificantDigits = 3;

    /// <summary>A histogram for totals (64-bit counts: a long run can pass 2^31 in one bucket).</summary>
    public static LongHistogram CreateTotal() => new(LowestMicros, HighestMicros, SignificantDigits);

    /// <summary>
    /// A recorder for one metric, written by any number of threads at once (atomic counts). 32-bit counts halve the
    /// footprint (each holds two histograms of about 23k buckets); one interval never holds 2^31 values in one bucket.
    /// </summary>
    public static Recorder CreateRecorder() =>
        new(LowestMicros, HighestMicros, SignificantDigits, (id, low, high, digits) => new IntConcurrentHistogram(id, low, high, digits));

    /// <summary>
    /// Values outside the range are clamped rather than thrown: a 2-hour stall is still "at least 1 h". Zero stays
    /// zero (HdrHistogram keeps it in its first bucket): a session whose critical path had no DNS lookup records 0,
    /// and raising it to 1 us would make the means of a session's phases add up to more than its mean time.
    /// </summary>
    public static long Clamp(long micros) => Math.Clamp(micros, 0, HighestMicros);
}
