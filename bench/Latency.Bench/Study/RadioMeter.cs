using System.Buffers.Binary;
using System.Net;
using Latency.World.Network;
using Latency.World.Radio;

namespace Latency.Bench.Study;

/// <summary>
/// Reads how long a handset's packets have waited for its radio from the world's ledger, which the emulator writes
/// (<see cref="RadioLedger"/>); a session takes the difference between its start and its end as its radio time.
/// </summary>
public sealed class RadioMeter(RadioLedger ledger)
{
    /// <summary>
    /// A reader of <paramref name="handset"/>'s radio wait so far, in microseconds; null for no handset (the probe's
    /// own address) or an address the ledger does not cover.
    /// </summary>
    /// <param name="handset">The session's handset address.</param>
    public Func<long>? For(IPAddress? handset)
    {
        if (handset is null || handset.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !HandsetAddressPlan.TryFind(BinaryPrimitives.ReadUInt32BigEndian(handset.GetAddressBytes()), out var node, out var index)
            || node >= ledger.Nodes || index >= ledger.HandsetsPerNode)
        {
            return null;
        }

        var ticksPerSecond = ledger.TicksPerSecond;
        return () => (long)((Int128)ledger.WaitTicks(node, index) * 1_000_000 / ticksPerSecond);
    }
}
