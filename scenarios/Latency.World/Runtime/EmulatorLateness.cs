namespace Latency.World.Runtime;

/// <summary>
/// The emulator's release lateness since the world came up as a histogram (emulator-lateness.json, written with
/// <see cref="EmulatorStats"/>). Quantiles cannot be subtracted, bucket counts can: a client that reads this when its
/// run starts and again after it ends gets the run's own lateness. Microseconds at 2 significant digits (HdrHistogram
/// 1 us - 10 s) keep the file to a few hundred buckets; the nanosecond quantiles stay in emulator-stats.json.
/// </summary>
/// <param name="UpdatedUtc">When the network process wrote it.</param>
/// <param name="Forwarded">Packets forwarded since the world came up.</param>
/// <param name="Lost">Packets dropped by the path models since the world came up.</param>
/// <param name="LatenessUs">Non-empty buckets as [highest value equivalent to the bucket in us, count], ascending.</param>
public sealed record EmulatorLateness(DateTimeOffset UpdatedUtc, long Forwarded, long Lost, IReadOnlyList<long[]> LatenessUs)
{
    /// <summary>The histogram layout of <see cref="LatenessUs"/>: lowest and highest trackable value (us), significant digits.</summary>
    public const long LowestUs = 1;

    /// <inheritdoc cref="LowestUs"/>
    public const long HighestUs = 10_000_000;

    /// <inheritdoc cref="LowestUs"/>
    public const int SignificantDigits = 2;

    /// <summary>An empty histogram of <see cref="LatenessUs"/>'s layout.</summary>
    public static HdrHistogram.LongHistogram NewHistogram() => new(LowestUs, HighestUs, SignificantDigits);
}
