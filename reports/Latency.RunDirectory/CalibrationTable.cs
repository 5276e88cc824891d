namespace Latency.RunDirectory;

/// <summary>
/// The content of a run directory's calibration.json, as <c>latency calibrate</c> writes it (snake_case): every
/// path's configured model next to what was measured. Read by <see cref="CalibrationFile"/>; reports embed it so
/// emulated numbers can be trusted. Our own record: reports never reference the engine (Latency.Bench).
/// </summary>
public sealed record CalibrationTable
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "calibration.json";

    public int SchemaVersion { get; init; } = 1;

    public string? World { get; init; }

    public string? Profile { get; init; }

    /// <summary>Tun or relay (calibration measures a world).</summary>
    public NetworkBackend? Backend { get; init; }

    public DateTimeOffset? MeasuredUtc { get; init; }

    /// <summary>The emulator's statistics and compensated forwarding overhead; null for the relay backend or older files.</summary>
    public CalibrationEmulator? Emulator { get; init; }

    /// <summary>The forwarding overhead measured again by calibration, with the compensation in force.</summary>
    public CalibrationOverhead? ResidualOverhead { get; init; }

    public IReadOnlyList<CalibrationPath> Paths { get; init; } = [];

    /// <summary>Each probe's handset radio, measured; empty where no probe has one (or older files).</summary>
    public IReadOnlyList<CalibrationRadio> Radio { get; init; } = [];
}
