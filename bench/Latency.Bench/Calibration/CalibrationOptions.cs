using Latency.World.Runtime;

namespace Latency.Bench.Calibration;

/// <summary>How much <c>latency calibrate</c> measures.</summary>
public sealed record CalibrationOptions
{
    /// <summary><c>probe/deployment</c> pairs to measure; empty for every path.</summary>
    public IReadOnlySet<string> Paths { get; init; } = new HashSet<string>();

    public int ConnectSamples { get; init; } = 20;
    public int RequestSamples { get; init; } = 10;

    /// <summary>UDP datagrams sent each way to measure loss (namespaces only); 0 to skip.</summary>
    public int LossDatagrams { get; init; } = 2000;

    /// <summary>Seconds of the configured rate to transfer each way; 0 to skip throughput.</summary>
    public double ThroughputSeconds { get; init; } = 2;

    public int Parallel { get; init; } = 4;

    /// <summary>UDP datagrams each way to measure the emulator's forwarding time left after compensation; 0 to skip.</summary>
    public int OverheadSamples { get; init; } = 40;

    /// <summary>
    /// Handsets per probe whose radio promotion is measured (namespaces and a world file radio only); 0 to skip. The
    /// measurement waits 1.1 x the tail timer (~11 s in the built-in world) once, for every probe at once.
    /// </summary>
    public int RadioSamples { get; init; } = 10;

    /// <summary>Whether the radio measurement also checks the tail timer (two more handsets, no extra time).</summary>
    public bool RadioTailCheck { get; init; } = true;

    public Func<EmulatorStats?>? EmulatorStats { get; init; }
}
