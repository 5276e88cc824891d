namespace Latency.Bench.Calibration;

/// <summary>
/// What calibration concludes from connect times taken from handsets: the promotion is the idle connects' median
/// minus the active connects' median (both cross the same path and the same DRX wait for the SYN-ACK, so only the
/// promotion differs), and a single connect counts as promoted when it took more than half the configured promotion
/// longer than an active one (halfway between "no promotion" and "a promotion", so path jitter smaller than that
/// cannot flip it).
/// </summary>
public static class RadioEstimate
{
    /// <summary>Medians of idle and active connect times and their difference, ms; NaN where a list is empty.</summary>
    /// <param name="idleConnectsMs">Connect times from handsets whose radio was idle.</param>
    /// <param name="activeConnectsMs">Connect times from the same handsets right after.</param>
    public static (double IdleP50, double ActiveP50, double Promotion) Promotion(
        IReadOnlyList<double> idleConnectsMs, IReadOnlyList<double> activeConnectsMs)
    {
        ArgumentNullException.ThrowIfNull(idleConnectsMs);
        ArgumentNullException.ThrowIfNull(activeConnectsMs);
        var idle = PathProbe.Quantile([.. idleConnectsMs.Order()], 0.5);
        var active = PathProbe.Quantile([.. activeConnectsMs.Order()], 0.5);
        return (idle, active, idle - active);
    }

    /// <summary>
    /// Whether a connect of <paramref name="connectMs"/> waited for a promotion; null when the configured promotion
    /// is zero or the active median is unknown (nothing to tell apart).
    /// </summary>
    /// <param name="connectMs">The connect time to judge.</param>
    /// <param name="activeP50Ms">Median connect time with the radio connected.</param>
    /// <param name="configuredPromotionMs">The configured mean promotion delay.</param>
    public static bool? Promoted(double connectMs, double activeP50Ms, double? configuredPromotionMs) =>
        configuredPromotionMs is not > 0 || double.IsNaN(activeP50Ms) || double.IsNaN(connectMs)
            ? null
            : connectMs - activeP50Ms > configuredPromotionMs.Value / 2;
}
