namespace Latency.World.Emulation;

/// <summary>
/// Decides, per packet of one link direction, whether it is lost and when it leaves. Times are
/// <see cref="System.Diagnostics.Stopwatch"/> timestamps. Called only from the emulator's one thread.
/// </summary>
internal interface IPacketShaper
{
    bool TryAdmit(long nowTimestamp, int packetBytes, out long releaseAtTimestamp);
}
