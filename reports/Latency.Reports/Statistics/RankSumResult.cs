namespace Latency.Reports.Statistics;

/// <summary>The outcome of <see cref="MannWhitneyTest"/>, read from the in-region deployment's side.</summary>
public sealed record RankSumResult
{
    /// <summary>Verdict when in-region session times are significantly shorter than the origin's.</summary>
    public const string Faster = "faster";

    /// <summary>Verdict when in-region session times are significantly longer.</summary>
    public const string Slower = "slower";

    /// <summary>Verdict when the test cannot tell them apart at <see cref="Alpha"/> (or a side has no values).</summary>
    public const string NoSignificantDifference = "no significant difference";

    /// <summary>Mann-Whitney U of the in-region sample: the number of (in-region, origin) pairs where in-region is larger, ties counting 1/2.</summary>
    public required double U { get; init; }

    /// <summary>Standardised U (tie-corrected variance, continuity correction); negative when in-region is faster.</summary>
    public required double Z { get; init; }

    /// <summary>Two-sided p-value from the normal approximation.</summary>
    public required double PValue { get; init; }

    /// <summary>
    /// P(in-region session &lt; origin session) + P(equal) / 2, from the same counts (the common-language effect size,
    /// McGraw &amp; Wong 1992): 0.5 means no difference, 1 means every in-region session was shorter.
    /// </summary>
    public required double ProbabilityInRegionFaster { get; init; }

    /// <summary>Significance level the verdict was made at.</summary>
    public required double Alpha { get; init; }

    /// <summary><see cref="Faster"/>, <see cref="Slower"/> or <see cref="NoSignificantDifference"/>.</summary>
    public required string Verdict { get; init; }

    /// <summary>Values recorded on the origin.</summary>
    public required long OriginCount { get; init; }

    /// <summary>Values recorded in-region.</summary>
    public required long InRegionCount { get; init; }
}
