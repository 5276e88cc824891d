namespace Latency.Scenarios.Worlds;

/// <summary>
/// What one direction of a path does to every packet: a one-way delay, jitter (added delay drawn per packet,
/// never reordering packets unless <see cref="AllowReordering"/>), random loss or bursty Gilbert-Elliott loss, and
/// a bandwidth limit with a bounded drop-tail queue (serialisation delay; a packet that finds the queue full is
/// dropped). Mahimahi's link shells model the same things.
/// </summary>
/// <param name="OneWayDelay">Propagation delay added to every packet.</param>
/// <param name="Jitter">Standard deviation of the per-packet delay around <paramref name="OneWayDelay"/> (normal, the delay
/// truncated at 0, so the one-way delay stays the mean); zero for none.</param>
/// <param name="LossRate">Independent loss probability in [0, 1), used when <paramref name="BurstLoss"/> is null.</param>
/// <param name="BurstLoss">Bursty loss; replaces <paramref name="LossRate"/> when set.</param>
/// <param name="BandwidthBitsPerSecond">Link rate; null for unlimited.</param>
/// <param name="QueueBytes">Drop-tail queue bound behind the bandwidth limit.</param>
/// <param name="AllowReordering">Whether jitter may reorder packets (default false: real paths rarely reorder).</param>
public sealed record LinkModel(
    TimeSpan OneWayDelay,
    TimeSpan Jitter,
    double LossRate,
    GilbertElliott? BurstLoss,
    double? BandwidthBitsPerSecond,
    int QueueBytes,
    bool AllowReordering = false)
{
    /// <summary>Default queue when a file does not say: 100 full-size packets, as Mahimahi's droptail examples use.</summary>
    public const int DefaultQueueBytes = 100 * 1500;

    public static LinkModel Delay(TimeSpan oneWay) => new(oneWay, TimeSpan.Zero, 0, null, null, DefaultQueueBytes);

    public double MeanLoss => BurstLoss?.MeanLoss ?? LossRate;
}
