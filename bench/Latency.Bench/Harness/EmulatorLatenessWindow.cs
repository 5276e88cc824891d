using HdrHistogram;
using Latency.RunDirectory;
using Latency.World.Runtime;

namespace Latency.Bench.Harness;

/// <summary>
/// The WAN emulator's release lateness over one run. The network process publishes its lateness since the world came
/// up (<see cref="EmulatorLateness"/>, every 2 s); this keeps the statistics current when the run starts, waits after
/// the run for statistics taken after its end, and reports the difference: the run's own packets, give or take the
/// 2 s update period at each end. Without statistics at the start it reports the world's whole life and says so.
/// </summary>
public sealed class EmulatorLatenessWindow
{
    private readonly Func<EmulatorLateness?> _read;
    private readonly EmulatorLateness? _start;

    private EmulatorLatenessWindow(Func<EmulatorLateness?> read, EmulatorLateness? start)
    {
        _read = read;
        _start = start;
    }

    /// <summary>Reads the statistics current at the run's start.</summary>
    /// <param name="read">Reads the network process's latest statistics, or null when there are none.</param>
    public static EmulatorLatenessWindow Open(Func<EmulatorLateness?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return new EmulatorLatenessWindow(read, ReadOrNull(read));
    }

    /// <summary>
    /// Waits up to <paramref name="patience"/> for statistics written at or after <paramref name="runEnded"/> (the
    /// latest ones otherwise) and returns the run's packets and lateness; null when the emulator published none.
    /// </summary>
    /// <param name="runEnded">When the run ended.</param>
    /// <param name="patience">How long to wait: a little more than the emulator's update period.</param>
    /// <param name="time">Clock of the wait.</param>
    /// <param name="cancellationToken">Stops waiting (the latest statistics are used).</param>
    public async Task<HarnessEmulator?> CloseAsync(DateTimeOffset runEnded, TimeSpan patience, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var deadline = time.GetTimestamp() + (long)(patience.TotalSeconds * time.TimestampFrequency);
        var end = ReadOrNull(_read);
        while ((end is null || end.UpdatedUtc < runEnded) && time.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            end = ReadOrNull(_read) ?? end;
        }

        return end is null ? null : Difference(_start, end);
    }

    /// <summary>
    /// The lateness between two statistics of one world: <paramref name="end"/> less <paramref name="start"/>, bucket
    /// by bucket; everything in <paramref name="end"/> when there is no usable start (none, or of an earlier world:
    /// counts only grow while a world is up).
    /// </summary>
    /// <param name="start">Statistics at the run's start, or null.</param>
    /// <param name="end">Statistics after the run's end.</param>
    public static HarnessEmulator Difference(EmulatorLateness? start, EmulatorLateness end)
    {
        ArgumentNullException.ThrowIfNull(end);
        var usable = start is not null && start.UpdatedUtc <= end.UpdatedUtc && start.Forwarded <= end.Forwarded && start.Lost <= end.Lost;
        var before = EmulatorLateness.NewHistogram();
        if (usable)
        {
            Record(before, start!.LatenessUs);
        }

        var histogram = EmulatorLateness.NewHistogram();
        foreach (var bucket in end.LatenessUs)
        {
            if (bucket is [var value, var count] && value is >= 0 and <= EmulatorLateness.HighestUs)
            {
                var added = count - before.GetCountAtValue(value);
                if (added > 0)
                {
                    histogram.RecordValueWithCount(value, added);
                }
            }
        }

        return new HarnessEmulator
        {
            Forwarded = end.Forwarded - (usable ? start!.Forwarded : 0),
            Lost = end.Lost - (usable ? start!.Lost : 0),
            LatenessP50Us = Quantile(histogram, 50),
            LatenessP99Us = Quantile(histogram, 99),
            LatenessP999Us = Quantile(histogram, 99.9),
            LatenessMaxUs = histogram.TotalCount == 0 ? null : histogram.GetMaxValue(),
            LatenessScope = usable ? HarnessEmulator.RunScope : HarnessEmulator.WorldScope,
            LatenessFromUtc = usable ? start!.UpdatedUtc : null,
            LatenessToUtc = end.UpdatedUtc,
        };
    }

    private static void Record(HistogramBase histogram, IReadOnlyList<long[]> buckets)
    {
        foreach (var bucket in buckets)
        {
            if (bucket is [var value, var count] && value is >= 0 and <= EmulatorLateness.HighestUs && count > 0)
            {
                histogram.RecordValueWithCount(value, count);
            }
        }
    }

    private static double? Quantile(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? null : histogram.GetValueAtPercentile(percentile);

    private static EmulatorLateness? ReadOrNull(Func<EmulatorLateness?> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            // Statistics are a figure for the report: a file being replaced or unreadable never fails the run.
            return null;
        }
    }
}
