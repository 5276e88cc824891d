namespace Latency.World.Radio;

/// <summary>
/// Connected-mode discontinuous reception (DRX) of a handset's radio: after <see cref="InactivityTimer"/> without a
/// packet the radio sleeps, waking for <see cref="OnDuration"/> at the start of each cycle, first
/// <see cref="ShortCycleCount"/> short cycles, then long ones until the tail timer sends it to idle.
/// </summary>
/// <param name="InactivityTimer">Time after the last packet during which a connected radio receives continuously;
/// after it, DRX sleep cycles begin.</param>
/// <param name="ShortCycle">Length of one short DRX cycle.</param>
/// <param name="ShortCycleCount">Short cycles before the long ones begin (zero: straight to long cycles).</param>
/// <param name="LongCycle">Length of one long DRX cycle.</param>
/// <param name="OnDuration">At the start of every DRX cycle, how long the radio listens before sleeping again.</param>
public sealed record DrxParameters(
    TimeSpan InactivityTimer,
    TimeSpan ShortCycle,
    int ShortCycleCount,
    TimeSpan LongCycle,
    TimeSpan OnDuration)
{
    /// <summary>Every reason these parameters cannot describe DRX; empty when they can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        RadioParameters.RequireNotNegative(errors, "DRX inactivity timer", InactivityTimer);
        RadioParameters.RequirePositive(errors, "short DRX cycle", ShortCycle);
        if (ShortCycleCount < 0)
        {
            errors.Add($"short DRX cycle count {ShortCycleCount} is negative");
        }

        RadioParameters.RequirePositive(errors, "long DRX cycle", LongCycle);
        RadioParameters.RequirePositive(errors, "on-duration", OnDuration);
        // The cycles are compared with each other only when each is valid by itself: a negative cycle is one error,
        // not three.
        var cyclesValid = ShortCycle > TimeSpan.Zero && LongCycle > TimeSpan.Zero && OnDuration > TimeSpan.Zero;
        if (cyclesValid && ShortCycle > LongCycle)
        {
            errors.Add($"short DRX cycle {ShortCycle} is longer than the long DRX cycle {LongCycle}");
        }

        if (cyclesValid && (OnDuration > ShortCycle || OnDuration > LongCycle))
        {
            // A radio cannot listen longer than the cycle it listens in.
            errors.Add($"on-duration {OnDuration} is longer than a DRX cycle ({ShortCycle} short, {LongCycle} long)");
        }

        return errors;
    }
}
