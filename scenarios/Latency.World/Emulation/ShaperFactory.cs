using Latency.Scenarios.Worlds;

namespace Latency.World.Emulation;

/// <summary>Builds the per-direction packet shaper for a link model, each direction with its own random stream.</summary>
internal static class ShaperFactory
{
    public static IPacketShaper Create(LinkModel model, ulong seed, ulong stream) => new LinkShaper(model, StreamSeed(seed, stream));

    /// <summary>The seed of random stream <paramref name="stream"/> of a world seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">The world's seed.</param>
    /// <param name="stream">Which of the world's streams (one per path direction, then one per probe's radios).</param>
    public static ulong StreamSeed(ulong seed, ulong stream) =>
        // Distinct, reproducible streams: mix the stream number into the world's seed (SplitMix64's golden-ratio
        // increment keeps neighbouring streams apart).
        seed + (stream + 1) * 0x9E3779B97F4A7C15UL;
}
