namespace Latency.RunDirectory;

/// <summary>
/// The world's network process during a run (run.json <c>harness.emulator</c>): its CPU, sampled with the client's,
/// and (WAN emulator only) how many packets it forwarded and how late after their due time it released them.
/// Every field may be null: a relay has no release statistics, a world started by an older version writes none.
/// </summary>
public sealed record HarnessEmulator
{
    /// <summary>The network process's CPU over the run, in cores; null when its process could not be read.</summary>
    public double? CpuCoresMean { get; init; }

    /// <summary>The network process's CPU in its busiest sampled interval, in cores.</summary>
    public double? CpuCoresMax { get; init; }

    /// <summary>Packets forwarded in <see cref="LatenessScope"/>.</summary>
    public long? Forwarded { get; init; }

    /// <summary>Packets the path model dropped in <see cref="LatenessScope"/>.</summary>
    public long? Lost { get; init; }

    /// <summary>Release lateness (actual release - due time), median, in microseconds.</summary>
    public double? LatenessP50Us { get; init; }

    public double? LatenessP99Us { get; init; }

    public double? LatenessP999Us { get; init; }

    public double? LatenessMaxUs { get; init; }

    /// <summary>
    /// What the packet counts and lateness cover: <see cref="RunScope"/> (statistics taken when the run started and
    /// again after it ended, the difference) or <see cref="WorldScope"/> (since the world came up, calibration
    /// included: no statistics existed when the run started).
    /// </summary>
    public string? LatenessScope { get; init; }

    /// <summary>When the statistics the figures start from were taken; null for <see cref="WorldScope"/>.</summary>
    public DateTimeOffset? LatenessFromUtc { get; init; }

    /// <summary>When the statistics the figures end with were taken.</summary>
    public DateTimeOffset? LatenessToUtc { get; init; }

    /// <summary><see cref="LatenessScope"/>: the run's own packets (give or take the emulator's 2 s update period).</summary>
    public const string RunScope = "run";

    /// <summary><see cref="LatenessScope"/>: everything since the world came up.</summary>
    public const string WorldScope = "world";
}
