using Latency.Scenarios.Worlds;
using Latency.World.Emulation;

namespace Latency.World.Relay;

/// <summary>
/// One direction of a path as the relay applies it, shared by every connection on the path (the path's bandwidth is
/// one link, as a handset's last mile is): the <see cref="LinkShaper"/> with loss switched off and an unbounded
/// queue, because a relay carries a TCP byte stream and cannot drop part of it (loopback TCP never loses, so the
/// relay has no loss to show; the kernel backend is the faithful one for loss). Order is kept per connection by
/// <see cref="RelayConnection"/>, not across connections.
/// </summary>
internal sealed class RelayLink
{
    private readonly LinkShaper _shaper;
    private readonly object _gate = new();

    public RelayLink(LinkModel model, ulong seed)
    {
        Model = model;
        _shaper = new LinkShaper(model with { LossRate = 0, BurstLoss = null, QueueBytes = int.MaxValue, AllowReordering = true }, seed);
        OneWayDelayTicks = (long)(model.OneWayDelay.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        // Bytes released at once: about 2 ms of link time, so a slow link releases a read in several steps rather
        // than one burst at the end of its serialisation; whole reads on an unlimited link.
        PieceBytes = model.BandwidthBitsPerSecond is { } rate
            ? (int)Math.Clamp(rate / 8 * 0.002, 1460, 64 * 1024)
            : int.MaxValue;
    }

    public LinkModel Model { get; }

    public long OneWayDelayTicks { get; }

    public int PieceBytes { get; }

    /// <summary>Release time (Stopwatch ticks) of <paramref name="bytes"/> handed to the link at <paramref name="now"/>.</summary>
    public long Release(long now, int bytes)
    {
        lock (_gate)
        {
            _shaper.TryAdmit(now, bytes, out var release); // never false: no loss, unbounded queue
            return release;
        }
    }
}
