namespace Latency.World.Emulation;

/// <summary>
/// Decides, per packet of one link direction, whether it is lost and when it leaves. Times are
/// <see cref="System.Diagnostics.Stopwatch"/> timestamps. Called only from the emulator's one thread.
/// </summary>
internal interface IPacketShaper
{
    bool TryAdmit(long nowTimestamp, int packetBytes, out long releaseAtTimestamp);

    /// <summary>
    /// The emulator's own forwarding time in this direction, in ticks, taken off every packet's delay from now on
    /// (never below zero). Set from another thread while packets flow.
    /// </summary>
    long CompensationTicks { get; set; }
}
