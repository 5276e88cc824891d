using System.Diagnostics;
using Latency.Scenarios.Worlds;

namespace Latency.World.Emulation;

/// <summary>Builds the per-direction packet shaper for a link model.</summary>
internal static class ShaperFactory
{
    public static IPacketShaper Create(LinkModel model, ulong seed, ulong stream) => new DelayOnlyShaper(model);

    /// <summary>Placeholder until the full link shaper lands: delay only, never reordering.</summary>
    private sealed class DelayOnlyShaper(LinkModel model) : IPacketShaper
    {
        private readonly long _delay = (long)(model.OneWayDelay.TotalSeconds * Stopwatch.Frequency);
        private long _last;

        public bool TryAdmit(long nowTimestamp, int packetBytes, out long releaseAtTimestamp)
        {
            releaseAtTimestamp = Math.Max(nowTimestamp + _delay, _last);
            _last = releaseAtTimestamp;
            return true;
        }
    }
}
