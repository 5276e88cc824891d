using Latency.World.Emulation;
using Latency.World.Runtime;

namespace Latency.Bench.Calibration;

/// <summary>What <c>latency calibrate</c> writes (calibration.json) and reports embed: every path configured vs measured.</summary>
public sealed record CalibrationReport
{
    public const string FileName = "calibration.json";

    public int SchemaVersion { get; init; } = 1;
    public required string World { get; init; }
    public required string Profile { get; init; }
    public required string Backend { get; init; }
    public required DateTimeOffset MeasuredUtc { get; init; }
    /// <summary>The network process's statistics, with the forwarding overhead it measured at start and compensates.</summary>
    public EmulatorStats? Emulator { get; init; }

    /// <summary>The forwarding overhead measured again by calibration, with the compensation in force: what is left of it.</summary>
    public ForwardingOverhead? ResidualOverhead { get; init; }
    public required IReadOnlyList<PathCalibration> Paths { get; init; }
}
