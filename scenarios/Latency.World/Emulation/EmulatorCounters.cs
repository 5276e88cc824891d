namespace Latency.World.Emulation;

/// <summary>What the emulator did, for calibration and status. Written by the emulator thread, read by anyone.</summary>
public sealed class EmulatorCounters
{
    internal long ForwardedField;
    internal long LostField;
    internal long NoRouteField;
    internal long NoBufferField;
    internal long WriteFailedField;

    public long Forwarded => Interlocked.Read(ref ForwardedField);

    /// <summary>Dropped by the path model: random or bursty loss, or a full drop-tail queue.</summary>
    public long Lost => Interlocked.Read(ref LostField);

    /// <summary>Not IPv4, or to an address no port has, or between two nodes with no path (e.g. probe to probe).</summary>
    public long NoRoute => Interlocked.Read(ref NoRouteField);

    /// <summary>The emulator's own packet pool was exhausted (should stay 0; a sign of overload).</summary>
    public long NoBuffer => Interlocked.Read(ref NoBufferField);

    public long WriteFailed => Interlocked.Read(ref WriteFailedField);
}
