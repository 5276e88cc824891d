namespace Latency.Micro.ChangePoints;

/// <summary>How the nightly check did on one synthetic series (<see cref="AlertScoring.Score"/>).</summary>
public sealed record SeriesScore
{
    /// <summary>Nights simulated (one per run).</summary>
    public required int Nights { get; init; }

    /// <summary>Alerts raised, true or false.</summary>
    public required int Alerts { get; init; }

    /// <summary>Alerts that report the injected step.</summary>
    public required int TrueAlerts { get; init; }

    /// <summary>The step was found within <see cref="AlertScoring.MaxDelay"/> runs.</summary>
    public required bool Found { get; init; }

    /// <summary>Nights from the step's first run to the alert (2 is the earliest the detector can); null if not found.</summary>
    public int? Delay { get; init; }

    /// <summary>The alert that found the step named its first run exactly.</summary>
    public required bool PlacedExactly { get; init; }

    /// <summary>Alerts that report nothing injected.</summary>
    public int FalseAlerts => Alerts - TrueAlerts;
}
