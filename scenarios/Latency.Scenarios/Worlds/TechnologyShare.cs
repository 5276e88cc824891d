namespace Latency.Scenarios.Worlds;

/// <summary>
/// The share (0 to 1) of time a country's users are served by each radio technology, where a source gives it; a
/// technology no source covers is null, so the shares written may sum to less than 1.
/// </summary>
/// <param name="Nr">5G NR.</param>
/// <param name="Lte">4G LTE.</param>
/// <param name="Umts">3G UMTS / HSPA.</param>
public sealed record TechnologyShare(CitedValue? Nr, CitedValue? Lte, CitedValue? Umts)
{
    /// <summary>Sum of the shares written.</summary>
    public double Total => (Nr?.Value ?? 0) + (Lte?.Value ?? 0) + (Umts?.Value ?? 0);
}
