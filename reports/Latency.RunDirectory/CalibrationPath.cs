namespace Latency.RunDirectory;

/// <summary>One calibrated path (probe to deployment). Times in milliseconds, rates in Mbit/s, loss in percent.</summary>
public sealed record CalibrationPath
{
    public string Probe { get; init; } = "";

    public string Deployment { get; init; } = "";

    public double ConfiguredRttMs { get; init; }

    public double? ConnectP50Ms { get; init; }

    public double? ConnectP99Ms { get; init; }

    public int ConnectSamples { get; init; }

    public double? RequestP50Ms { get; init; }

    public double? ConfiguredDownMbps { get; init; }

    public double? MeasuredDownMbps { get; init; }

    public double? ConfiguredUpMbps { get; init; }

    public double? MeasuredUpMbps { get; init; }

    public double ConfiguredLossUpPct { get; init; }

    public double? MeasuredLossUpPct { get; init; }

    public double ConfiguredLossDownPct { get; init; }

    public double? MeasuredLossDownPct { get; init; }

    /// <summary>Datagrams sent each way to measure loss (0: not measured).</summary>
    public int LossProbes { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}
