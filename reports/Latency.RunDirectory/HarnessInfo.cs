namespace Latency.RunDirectory;

/// <summary>
/// How hard this machine worked while the run went on (run.json <c>harness</c>, optional: older runs have none): the
/// client process's CPU, the whole machine's, and in an emulated world the network process's CPU and how late it
/// released packets. A latency measured while the harness was saturated measures the harness, so reports show these
/// next to the results. CPU is sampled about once a second; "cores" are CPU seconds per wall-clock second.
/// </summary>
public sealed record HarnessInfo
{
    /// <summary>Logical processors of the machine, as .NET sees them (the ceiling for any "cores" figure).</summary>
    public required int ProcessorCount { get; init; }

    /// <summary>The intended time between two CPU samples, in seconds.</summary>
    public required double SampleSeconds { get; init; }

    /// <summary>Number of sampled intervals the p95 and max figures are taken over.</summary>
    public required int Samples { get; init; }

    /// <summary>The client process's user and system CPU over the whole run, in cores (CPU seconds / wall seconds).</summary>
    public required double CpuCoresMean { get; init; }

    /// <summary>The client's CPU in cores, 95th percentile of the sampled intervals (nearest rank).</summary>
    public required double CpuCoresP95 { get; init; }

    /// <summary>The client's CPU in cores in its busiest sampled interval.</summary>
    public required double CpuCoresMax { get; init; }

    /// <summary>
    /// Share (0-1) of all processors' time that was not idle over the run, from /proc/stat: every process counts,
    /// the world's and other users' too; null where /proc/stat cannot be read.
    /// </summary>
    public double? MachineBusyMean { get; init; }

    /// <summary>The machine's busy share, 95th percentile of the sampled intervals; null as <see cref="MachineBusyMean"/>.</summary>
    public double? MachineBusyP95 { get; init; }

    /// <summary>The machine's busy share in its busiest sampled interval; null as <see cref="MachineBusyMean"/>.</summary>
    public double? MachineBusyMax { get; init; }

    /// <summary>The world's network process (the WAN emulator, or the relay); null for real endpoints.</summary>
    public HarnessEmulator? Emulator { get; init; }
}
