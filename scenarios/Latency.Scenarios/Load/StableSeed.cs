namespace Latency.Scenarios.Load;

/// <summary>
/// Derives a generator seed from (seed, stream) the same way in every process. <see cref="HashCode.Combine{T1,T2}"/>
/// must not be used for this: it is randomised per process, so a "seeded" schedule would change on every run.
/// </summary>
public static class StableSeed
{
    /// <summary>
    /// SplitMix64's output function (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
    /// OOPSLA 2014) applied to seed and stream packed into 64 bits; its avalanche keeps neighbouring streams
    /// uncorrelated, which <see cref="Random"/>'s legacy seeding does not do for consecutive seeds.
    /// </summary>
    public static int Mix(int seed, int stream)
    {
        var z = (((ulong)(uint)seed << 32) | (uint)stream) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return unchecked((int)(z ^ (z >> 31)));
    }

    /// <summary>
    /// A stream named by text (a probe and a workload, say): the text's 32-bit FNV-1a hash over its UTF-8 bytes
    /// (Fowler, Noll and Vo), mixed with <see cref="Mix(int, int)"/>. The same in every process and .NET version,
    /// unlike <see cref="string.GetHashCode()"/>.
    /// </summary>
    public static int Mix(int seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(stream))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return Mix(seed, unchecked((int)hash));
    }
}
