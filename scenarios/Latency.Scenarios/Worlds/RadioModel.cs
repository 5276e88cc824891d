using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>
/// How a handset's radio behaves between bursts of traffic: after a quiet spell longer than <see cref="TailMs"/> the
/// radio is idle, and the next packet first waits for the promotion to connected (<see cref="PromotionMeanMs"/>,
/// spread <see cref="PromotionSdMs"/>); while connected but quiet it sleeps in <see cref="Drx"/> cycles. The world
/// file carries and validates these figures; the WAN emulator applies them to the probe's handsets.
/// </summary>
/// <param name="Technology">Which radio technology the figures are for: <c>nr</c> (5G), <c>lte</c> (4G) or <c>umts</c> (3G).</param>
/// <param name="PromotionMeanMs">Mean delay of the idle to connected promotion, in milliseconds.</param>
/// <param name="PromotionSdMs">Standard deviation of that delay, in milliseconds (0: a fixed delay).</param>
/// <param name="TailMs">Inactivity (tail) timer: quiet milliseconds after the last packet before the radio drops to idle.</param>
/// <param name="Drx">Connected-mode discontinuous reception; null where the technology's sources give none (3G).</param>
/// <param name="Share">Share of time each technology serves users in the probe's country; null where no source gives it.</param>
/// <param name="Location">Where the radio was written.</param>
public sealed record RadioModel(
    string Technology,
    CitedValue PromotionMeanMs,
    CitedValue PromotionSdMs,
    CitedValue TailMs,
    DrxCycle? Drx,
    TechnologyShare? Share,
    SourceLocation? Location = null)
{
    /// <summary>The technologies a radio may name, as written in a world file.</summary>
    public static IReadOnlyList<string> Technologies { get; } = ["nr", "lte", "umts"];

    /// <summary>Promotion delays at or above this are typos, not radios (the sources report at most a few seconds).</summary>
    public const double MaxPromotionMs = 10_000;
}
