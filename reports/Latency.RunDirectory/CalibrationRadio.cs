namespace Latency.RunDirectory;

/// <summary>
/// One probe's handset radio as calibration measured it: TCP connects from handsets whose radio is idle against
/// connects from the same handsets right after, on the probe's quietest path; the difference is the promotion. With
/// the tail check, a connect after a quiet spell just shorter and one just longer than the configured tail timer
/// say whether the radio went idle where the model says.
/// </summary>
public sealed record CalibrationRadio
{
    /// <summary>The probe.</summary>
    public required string Probe { get; init; }

    /// <summary>The deployment its handsets connected to (the probe's path with the least loss, then the shortest).</summary>
    public required string Deployment { get; init; }

    /// <summary>The configured mean promotion delay, ms.</summary>
    public double? ConfiguredPromotionMs { get; init; }

    /// <summary>Median connect time from an idle handset, ms.</summary>
    public double? IdleConnectP50Ms { get; init; }

    /// <summary>Median connect time from the same handsets right after, radio connected, ms.</summary>
    public double? ActiveConnectP50Ms { get; init; }

    /// <summary>Idle minus active median: the promotion as measured, ms.</summary>
    public double? MeasuredPromotionMs { get; init; }

    /// <summary>Handsets measured (each once idle, once active).</summary>
    public int Samples { get; init; }

    /// <summary>The configured tail timer, ms.</summary>
    public double? ConfiguredTailMs { get; init; }

    /// <summary>Whether a connect after a quiet spell of 0.9 x the tail was promoted (expected: false); null when not checked.</summary>
    public bool? PromotedBeforeTail { get; init; }

    /// <summary>Whether a connect after a quiet spell of 1.1 x the tail was promoted (expected: true); null when not checked.</summary>
    public bool? PromotedAfterTail { get; init; }
}
