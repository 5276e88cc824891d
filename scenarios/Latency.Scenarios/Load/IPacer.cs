namespace Latency.Scenarios.Load;

/// <summary>
/// An open-model arrival schedule as a pure function, in the manner of vegeta's <c>Pacer</c>: given the time since
/// the phase began and how many arrivals were already issued, when is the next one due? No clock inside, so every
/// pacer is tested with tables of numbers.
/// </summary>
public interface IPacer
{
    /// <summary>Offset from the phase start at which arrival number <paramref name="index"/> (0-based) is due, or null when the phase has fewer arrivals.</summary>
    TimeSpan? DueTime(long index);

    /// <summary>Arrivals the phase plans in total (rounded down), so progress can show a target.</summary>
    long PlannedArrivals { get; }
}
