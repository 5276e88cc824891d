namespace Latency.Bench.Application;

/// <summary>
/// A nightly's exit code as the command line decided it (the worst of its steps'), with each step's code and what the
/// code means, so the summary page can show what the job returned and why.
/// </summary>
public sealed record NightlyExit
{
    /// <summary>The code the nightly exits with.</summary>
    public required int Code { get; init; }

    /// <summary>What <see cref="Code"/> means, in a sentence.</summary>
    public required string Meaning { get; init; }

    /// <summary>The code of each step, in order: run, history, compare, check.</summary>
    public required IReadOnlyList<(string Step, int Code)> Steps { get; init; }
}
