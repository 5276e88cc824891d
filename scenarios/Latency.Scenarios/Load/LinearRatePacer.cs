namespace Latency.Scenarios.Load;

/// <summary>
/// Arrivals at a rate that moves linearly from <see cref="StartRatePerSecond"/> to <see cref="EndRatePerSecond"/>
/// over <see cref="Duration"/>; equal rates give <c>Inject</c>'s even spacing. Arrival k is due when the expected
/// count N(t) = r0 t + (r1 - r0) t^2 / 2D reaches k, so arrivals are spread through every interval instead of
/// being batched at its start (NBomber's and k6's constant-arrival executors batch per tick; we do not).
/// </summary>
public sealed record LinearRatePacer(double StartRatePerSecond, double EndRatePerSecond, TimeSpan Duration) : IPacer
{
    public long PlannedArrivals => (long)Math.Floor(ExpectedCount(Duration.TotalSeconds) + 1e-9);

    public TimeSpan? DueTime(long index)
    {
        if (index < 0 || index >= PlannedArrivals)
        {
            return null;
        }

        var seconds = SolveForCount(index);
        return seconds >= Duration.TotalSeconds ? null : TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }

    private double ExpectedCount(double t)
    {
        var slope = (EndRatePerSecond - StartRatePerSecond) / Duration.TotalSeconds;
        return StartRatePerSecond * t + slope * t * t / 2;
    }

    private double SolveForCount(double k)
    {
        if (k == 0)
        {
            // The first arrival opens the phase; with a ramp from 0 the formula below would divide 0 by 0.
            return 0;
        }

        var r0 = StartRatePerSecond;
        var slope = (EndRatePerSecond - r0) / Duration.TotalSeconds;
        if (Math.Abs(slope) < 1e-12)
        {
            return k / r0;
        }

        // Positive root of slope/2 t^2 + r0 t - k = 0, written to avoid cancellation when slope is small.
        var discriminant = r0 * r0 + 2 * slope * k;
        return 2 * k / (r0 + Math.Sqrt(Math.Max(0, discriminant)));
    }
}
