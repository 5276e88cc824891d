using System.Diagnostics;

namespace Latency.World.Emulation;

/// <summary>What the emulator did, for calibration and status. Written by the emulator thread, read by anyone.</summary>
public sealed class EmulatorCounters
{
    internal long ForwardedField;
    internal long LostField;
    internal long NoRouteField;
    internal long NoBufferField;
    internal long WriteFailedField;
    internal long RadioDelayedField;
    internal long RadioDelayTicksField;

    public long Forwarded => Interlocked.Read(ref ForwardedField);

    /// <summary>Dropped by the path model: random or bursty loss, or a full drop-tail queue.</summary>
    public long Lost => Interlocked.Read(ref LostField);

    /// <summary>Not IPv4, or to an address no port has, or between two nodes with no path (e.g. probe to probe).</summary>
    public long NoRoute => Interlocked.Read(ref NoRouteField);

    /// <summary>The emulator's own packet pool was exhausted (should stay 0; a sign of overload).</summary>
    public long NoBuffer => Interlocked.Read(ref NoBufferField);

    public long WriteFailed => Interlocked.Read(ref WriteFailedField);

    /// <summary>Packets a handset's radio delayed (a promotion, or a downlink packet waiting for an on-duration).</summary>
    public long RadioDelayed => Interlocked.Read(ref RadioDelayedField);

    /// <summary>The radio delays of all those packets added up.</summary>
    public TimeSpan RadioDelay => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref RadioDelayTicksField));
}
