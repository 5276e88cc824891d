using Latency.World.Radio;

namespace Latency.Micro.Radio;

/// <summary>
/// Round illustrative radio parameters, of the order Huang et al. (MobiSys 2012) describe but not measured ones:
/// promotion 200 ms (standard deviation 40 ms), tail 10 s, DRX inactivity 100 ms, 4 short cycles of 20 ms, long
/// cycles of 40 ms, on-duration 2 ms. For the radio benchmark (whose cost does not depend on them, only the mix of
/// states does) and, compiled in, the radio unit tests.
/// </summary>
internal static class IllustrativeRadio
{
    public static RadioParameters Parameters { get; } = new(
        PromotionDelayMean: TimeSpan.FromMilliseconds(200),
        PromotionDelayStandardDeviation: TimeSpan.FromMilliseconds(40),
        TailTimer: TimeSpan.FromSeconds(10),
        Drx: new DrxParameters(
            InactivityTimer: TimeSpan.FromMilliseconds(100),
            ShortCycle: TimeSpan.FromMilliseconds(20),
            ShortCycleCount: 4,
            LongCycle: TimeSpan.FromMilliseconds(40),
            OnDuration: TimeSpan.FromMilliseconds(2)));
}
