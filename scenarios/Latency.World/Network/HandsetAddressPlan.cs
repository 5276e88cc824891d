using System.Buffers.Binary;
using System.Net;

namespace Latency.World.Network;

/// <summary>
/// Where the simulated handsets of a probe live: each probe namespace owns a block of 1,024 addresses in
/// 198.19.0.0/16 (the upper half of the world's benchmarking range, so every namespace already routes it through its
/// TUN device), and handset h sends from the block's address 1 + h. The emulator finds a packet's handset from its
/// source (uplink) or destination (downlink) address by arithmetic alone, so the lookup cannot allocate.
/// </summary>
/// <remarks>
/// Node i's block starts at 198.19.0.0 + 1024 i: 64 nodes fit, far more than a world has (the built-in world has
/// 17). Handsets per probe are capped at <see cref="HandsetsPerNode"/>: a study's handset pool needs about its
/// session rate times (tail timer + session length) handsets per probe, ~130 for the default study.
/// </remarks>
public static class HandsetAddressPlan
{
    /// <summary>The handsets' part of the world's range.</summary>
    public const string Range = "198.19.0.0/16";

    /// <summary>Handsets a probe can have (its block's addresses 1 to 1000).</summary>
    public const int HandsetsPerNode = 1000;

    /// <summary>
    /// Handsets at the end of each block kept for <c>latency calibrate</c>'s radio measurement: a study's pool uses
    /// handsets 0 to <see cref="StudyHandsets"/> - 1 only, so calibration never wakes a radio a session counts on
    /// being idle, and a session never finds a radio calibration left connected.
    /// </summary>
    public const int CalibrationHandsets = 40;

    /// <summary>Handsets a study's pool may rent per probe.</summary>
    public const int StudyHandsets = HandsetsPerNode - CalibrationHandsets;

    /// <summary>Addresses per node's block: a /22.</summary>
    public const int BlockSize = 1024;

    /// <summary>Nodes whose blocks fit in <see cref="Range"/>.</summary>
    public const int MaxNodes = 65536 / BlockSize;

    private const uint RangeStart = (198u << 24) | (19u << 16);

    /// <summary>The block of node <paramref name="nodeIndex"/> in CIDR form (e.g. 198.19.4.0/22 for node 1).</summary>
    public static string Block(int nodeIndex) => $"{ToAddress(BlockStart(nodeIndex))}/22";

    /// <summary>The address handset <paramref name="handset"/> of node <paramref name="nodeIndex"/> sends from.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The node or handset is outside the plan.</exception>
    public static IPAddress HandsetAddress(int nodeIndex, int handset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(handset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(handset, HandsetsPerNode);
        return ToAddress(BlockStart(nodeIndex) + 1 + (uint)handset);
    }

    /// <summary>
    /// The node and handset of <paramref name="address"/> (an IPv4 address as a big-endian number, as read from a
    /// packet header); false for any address that is not a handset's.
    /// </summary>
    public static bool TryFind(uint address, out int nodeIndex, out int handset)
    {
        var offset = address - RangeStart;
        if (address < RangeStart || offset >= 65536)
        {
            nodeIndex = -1;
            handset = -1;
            return false;
        }

        nodeIndex = (int)(offset / BlockSize);
        handset = (int)(offset % BlockSize) - 1;
        if (handset is < 0 or >= HandsetsPerNode)
        {
            nodeIndex = -1;
            handset = -1;
            return false;
        }

        return true;
    }

    private static uint BlockStart(int nodeIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nodeIndex, MaxNodes);
        return RangeStart + (uint)nodeIndex * BlockSize;
    }

    private static IPAddress ToAddress(uint address)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes);
    }
}
