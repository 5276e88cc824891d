namespace Latency.Scenarios.Load;

/// <summary>
/// Poisson arrivals for <c>InjectRandom</c>: each interval draws its rate uniformly from [min, max], and inside it
/// the gaps are exponential. Reproducible: interval i's arrivals come from a generator seeded by (seed, i), so any
/// arrival can be recomputed without replaying the ones before it beyond its interval; counts per interval are
/// drawn once at construction (O(arrivals)) and kept as prefix sums for a binary search.
/// </summary>
public sealed class PoissonPacer : IPacer
{
    private readonly InjectRandom _simulation;
    private readonly int _seed;
    private readonly long[] _arrivalsBefore;
    private readonly object _cacheGate = new();
    private int _cachedInterval = -1;
    private double[] _cachedOffsets = [];

    public PoissonPacer(InjectRandom simulation, int seed)
    {
        _simulation = simulation;
        _seed = seed;
        var intervals = (int)Math.Ceiling(simulation.During.Ticks / (double)simulation.Interval.Ticks);
        _arrivalsBefore = new long[intervals + 1];
        for (var i = 0; i < intervals; i++)
        {
            _arrivalsBefore[i + 1] = _arrivalsBefore[i] + ArrivalOffsets(i).Length;
        }
    }

    public long PlannedArrivals => _arrivalsBefore[^1];

    public TimeSpan? DueTime(long index)
    {
        if (index < 0 || index >= PlannedArrivals)
        {
            return null;
        }

        // The last interval whose first arrival index is <= index.
        var position = Array.BinarySearch(_arrivalsBefore, index);
        var interval = position >= 0 ? position : ~position - 1;
        while (interval + 1 < _arrivalsBefore.Length && _arrivalsBefore[interval + 1] <= index)
        {
            interval++;
        }

        double offset;
        lock (_cacheGate)
        {
            if (_cachedInterval != interval)
            {
                _cachedOffsets = ArrivalOffsets(interval);
                _cachedInterval = interval;
            }

            offset = _cachedOffsets[index - _arrivalsBefore[interval]];
        }

        return TimeSpan.FromTicks(_simulation.Interval.Ticks * interval + (long)Math.Round(offset * TimeSpan.TicksPerSecond));
    }

    /// <summary>Offsets in seconds from interval start; deterministic for (seed, interval).</summary>
    private double[] ArrivalOffsets(int interval)
    {
        var random = new Random(StableSeed.Mix(_seed, interval));
        var intervalStart = _simulation.Interval.Ticks * (long)interval;
        var intervalSeconds = Math.Min(_simulation.Interval.Ticks, _simulation.During.Ticks - intervalStart) / (double)TimeSpan.TicksPerSecond;
        var ratePerSecond = (_simulation.MinRate + random.NextDouble() * (_simulation.MaxRate - _simulation.MinRate))
                            / _simulation.Interval.TotalSeconds;
        var offsets = new List<double>();
        if (ratePerSecond <= 0)
        {
            return [];
        }

        var t = 0.0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / ratePerSecond;
            if (t >= intervalSeconds)
            {
                return offsets.ToArray();
            }

            offsets.Add(t);
        }
    }
}
