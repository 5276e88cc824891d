namespace Latency.Scenarios.Load;

/// <summary>What a pacer says after <c>issued</c> arrivals: wait this long for the next one, or stop.</summary>
/// <param name="Wait">Time from the elapsed time asked about until the next arrival is due (zero when overdue).</param>
/// <param name="Due">Offset of the next arrival from the phase start: its intended start.</param>
/// <param name="Stop">True when the phase has no more arrivals.</param>
public readonly record struct PacingDecision(TimeSpan Wait, TimeSpan Due, bool Stop)
{
    public static readonly PacingDecision Done = new(TimeSpan.Zero, TimeSpan.Zero, true);
}
