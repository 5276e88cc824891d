using Latency.Scenarios.Worlds;

namespace Latency.World.Emulation;

/// <summary>Builds the per-direction packet shaper for a link model, each direction with its own random stream.</summary>
internal static class ShaperFactory
{
    public static IPacketShaper Create(LinkModel model, ulong seed, ulong stream) =>
        // Distinct, reproducible streams per direction: mix the stream number into the world's seed (SplitMix64's
        // golden-ratio increment keeps neighbouring streams apart).
        new LinkShaper(model, seed + (stream + 1) * 0x9E3779B97F4A7C15UL);
}
