using HdrHistogram;

namespace Latency.Bench.Recording;

/// <summary>
/// Takes interval snapshots of every recorder, adds them to run totals, and hands each non-empty interval to a
/// sink (the .hlog writer). One caller at a time: the engine's interval loop, then once more at the end.
/// </summary>
public sealed class IntervalCollector(LatencyRecorders recorders, MonotonicClock clock)
{
    private readonly List<HistogramBase?> _intervals = [];
    private readonly List<LongHistogram?> _totals = [];
    private readonly object _totalsGate = new();
    private IntHistogram? _scratch;
    private long _intervalStart = clock.Now;

    /// <summary>
    /// Snapshots the interval that ends now and returns its histograms (tag and timestamps set). The histograms are
    /// reused by the next call, so consume them before calling again: copying them instead put ~190 KB per metric on
    /// the large-object heap every second (a full GC per interval, measured in bench/Latency.Micro).
    /// </summary>
    public IReadOnlyList<(MetricKey Key, HistogramBase Interval)> Collect()
    {
        var end = clock.Now;
        foreach (var h in _intervals)
        {
            h?.Reset();
        }

        recorders.DrainInto(_intervals, ref _scratch);
        var keys = recorders.Keys;
        var result = new List<(MetricKey, HistogramBase)>();
        var startMs = clock.ToWallTime(_intervalStart).ToUnixTimeMilliseconds();
        var endMs = clock.ToWallTime(end).ToUnixTimeMilliseconds();
        lock (_totalsGate)
        {
            for (var id = 0; id < _intervals.Count && id < keys.Count; id++)
            {
                var interval = _intervals[id];
                if (interval is null || interval.TotalCount == 0)
                {
                    continue;
                }

                while (_totals.Count <= id)
                {
                    _totals.Add(null);
                }

                (_totals[id] ??= HistogramSettings.CreateTotal()).Add(interval);
                interval.Tag = keys[id].Tag;
                interval.StartTimeStamp = startMs;
                interval.EndTimeStamp = Math.Max(endMs, startMs + 1);
                result.Add((keys[id], interval));
            }
        }

        _intervalStart = end;
        return result;
    }

    /// <summary>A percentile of the totals so far for one metric, without copying the histogram (0 when empty).</summary>
    public long ValueAtPercentile(MetricKey key, double percentile)
    {
        var keys = recorders.Keys;
        lock (_totalsGate)
        {
            for (var id = 0; id < keys.Count && id < _totals.Count; id++)
            {
                if (keys[id] == key && _totals[id] is { TotalCount: > 0 } total)
                {
                    return total.GetValueAtPercentile(percentile);
                }
            }
        }

        return 0;
    }

    /// <summary>A copy of the totals so far for one metric (empty when nothing was recorded). Safe from any thread.</summary>
    public LongHistogram Total(MetricKey key)
    {
        var keys = recorders.Keys;
        lock (_totalsGate)
        {
            for (var id = 0; id < keys.Count && id < _totals.Count; id++)
            {
                if (keys[id] == key && _totals[id] is { } total)
                {
                    return (LongHistogram)total.Copy();
                }
            }
        }

        return HistogramSettings.CreateTotal();
    }

    /// <summary>Every metric recorded so far with a copy of its total.</summary>
    public IReadOnlyList<(MetricKey Key, LongHistogram Total)> Totals()
    {
        var keys = recorders.Keys;
        lock (_totalsGate)
        {
            var list = new List<(MetricKey, LongHistogram)>();
            for (var id = 0; id < keys.Count && id < _totals.Count; id++)
            {
                if (_totals[id] is { } total)
                {
                    list.Add((keys[id], (LongHistogram)total.Copy()));
                }
            }

            return list;
        }
    }
}
