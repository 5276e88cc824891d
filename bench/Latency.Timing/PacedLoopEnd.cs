namespace Latency.Timing;

/// <summary>Why a <see cref="PacedLoop"/> ended.</summary>
public enum PacedLoopEnd
{
    /// <summary>The pace function had no more hits.</summary>
    Exhausted,

    /// <summary>The next hit was due at or after <see cref="PacedLoopOptions.EndTimestamp"/>.</summary>
    Deadline,

    /// <summary>The stop token fired: no hit was started after it.</summary>
    Stopped,
}
