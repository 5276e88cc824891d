namespace Latency.Scenarios.Worlds;

/// <summary>
/// Connected-mode discontinuous reception (DRX): after <see cref="InactivityMs"/> without traffic the radio wakes only
/// for <see cref="OnDurationMs"/> once per cycle, first in short cycles for <see cref="ShortPhaseMs"/>, then in long
/// ones, until the tail timer sends it to idle. A packet arriving while it sleeps waits for the next wake-up.
/// </summary>
/// <param name="InactivityMs">Quiet milliseconds after a packet before DRX starts.</param>
/// <param name="ShortCycleMs">Period of the short DRX cycle, in milliseconds; at most <paramref name="LongCycleMs"/>.</param>
/// <param name="ShortPhaseMs">Milliseconds the radio spends in short cycles before the long ones begin (0: straight to
/// long cycles); a whole number of short cycles.</param>
/// <param name="LongCycleMs">Period of the long DRX cycle, in milliseconds.</param>
/// <param name="OnDurationMs">How long the radio listens in each cycle, in milliseconds.</param>
public sealed record DrxCycle(CitedValue InactivityMs, CitedValue ShortCycleMs, CitedValue ShortPhaseMs, CitedValue LongCycleMs, CitedValue OnDurationMs);
