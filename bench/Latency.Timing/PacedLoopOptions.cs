namespace Latency.Timing;

/// <summary>The rules of a <see cref="PacedLoop"/> besides its pace: a deadline, a drop rule, a filter.</summary>
public sealed record PacedLoopOptions
{
    /// <summary>Every hit by its pace alone: no deadline, no drop, no filter.</summary>
    public static PacedLoopOptions None { get; } = new();

    /// <summary>Hits due at or after this timestamp of the loop's clock are not issued and the loop ends (a run's
    /// time limit). Null: none.</summary>
    public long? EndTimestamp { get; init; }

    /// <summary>A hit the loop reaches later than this after its due time (the loop's thread was stalled) is dropped:
    /// counted and given to <see cref="OnDropped"/>, never started. Null: every hit starts, however late.</summary>
    public TimeSpan? MaxStartDelay { get; init; }

    /// <summary>Hits for which this returns false are passed over when due: neither started, dropped nor counted
    /// (adaptive sampling's thinning). Null: every hit.</summary>
    public Func<long, bool>? Admit { get; init; }

    /// <summary>Receives every dropped hit. Null: they are only counted.</summary>
    public Action<PacedHit>? OnDropped { get; init; }
}
