using Latency.World.Radio;

namespace Latency.Tests.Emulation;

/// <summary>
/// Round illustrative radio parameters for the radio tests, not measured ones: promotion 200 ms (standard deviation
/// 40 ms), tail 10 s, DRX inactivity 100 ms, 4 short cycles of 20 ms, long cycles of 40 ms, on-duration 2 ms.
/// </summary>
internal static class IllustrativeRadio
{
    public static RadioParameters Parameters { get; } = new(
        PromotionDelayMean: TimeSpan.FromMilliseconds(200),
        PromotionDelayStandardDeviation: TimeSpan.FromMilliseconds(40),
        TailTimer: TimeSpan.FromSeconds(10),
        DrxInactivityTimer: TimeSpan.FromMilliseconds(100),
        ShortDrxCycle: TimeSpan.FromMilliseconds(20),
        ShortDrxCycleCount: 4,
        LongDrxCycle: TimeSpan.FromMilliseconds(40),
        OnDuration: TimeSpan.FromMilliseconds(2));
}
