namespace Latency.World.Runtime;

/// <summary>
/// A probe's simulated handsets as a client uses them: handset h (0 to <paramref name="Count"/> - 1, the study's
/// pool; calibration uses the plan's reserved handsets after them) sends from <paramref name="FirstAddress"/> + h (<see cref="Network.HandsetAddressPlan"/>). Whether the emulator applies a radio
/// to them is <paramref name="Radio"/>: false when the probe's world file gives no <c>last_mile.radio</c>.
/// </summary>
/// <param name="FirstAddress">Handset 0's IPv4 address.</param>
/// <param name="Count">Handsets the probe has.</param>
/// <param name="Radio">Whether packets from and to these addresses pass the probe's radio model.</param>
/// <param name="PromotionMeanMs">The radio's configured mean promotion delay (what calibration compares with).</param>
/// <param name="TailMs">The radio's configured tail timer.</param>
public sealed record HandsetState(string FirstAddress, int Count, bool Radio, double? PromotionMeanMs = null, double? TailMs = null);
