namespace Latency.Micro.ChangePoints;

/// <summary>
/// What a synthetic series has on top of its noise: from run <see cref="Start"/> (zero-based) on, values are
/// <c>1 + <see cref="Size"/></c> times slower, for <see cref="Length"/> runs (a spike) or to the end (a step, when null).
/// </summary>
public sealed record InjectedChange
{
    /// <summary>The first slower run, zero-based.</summary>
    public required int Start { get; init; }

    /// <summary>The relative slowdown, e.g. 0.10 for +10 %.</summary>
    public required double Size { get; init; }

    /// <summary>Runs the slowdown lasts (1 or 2 for a spike); null for a step that stays.</summary>
    public int? Length { get; init; }

    /// <summary>A step that stays: what a detector should report.</summary>
    public bool IsStep => Length is null;

    /// <summary>Whether run <paramref name="run"/> is slower.</summary>
    public bool Covers(int run) => run >= Start && (Length is not { } length || run < Start + length);
}
