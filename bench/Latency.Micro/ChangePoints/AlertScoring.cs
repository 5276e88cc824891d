namespace Latency.Micro.ChangePoints;

/// <summary>
/// Judges a series' nightly alerts against what was injected. An alert is <b>true</b> when the series has a step, the
/// alert came on or after the step's first run and places the start within <see cref="PlacementSlack"/> runs of it;
/// any other alert (before the step, elsewhere, on a flat or spiky series) is false. A step is <b>found in time</b>
/// when a true alert came within <see cref="MaxDelay"/> runs after the step's first run.
/// </summary>
public static class AlertScoring
{
    /// <summary>
    /// Runs after the step's first one by which the alert must come: the "found within 3 runs". The detector
    /// needs 3 runs at the new level to confirm (night <c>start + 2</c>), so this leaves one night of slack.
    /// </summary>
    public const int MaxDelay = 3;

    /// <summary>
    /// How far from the true start a true alert may place it: the detector's own refinement window
    /// (<c>minSegment - 1</c> runs); exact placement is reported on its own.
    /// </summary>
    public const int PlacementSlack = 2;

    /// <summary>Whether <paramref name="alert"/> reports <paramref name="change"/> (a step), as defined above.</summary>
    public static bool IsTrue(NightlyAlert alert, InjectedChange? change) =>
        change is { IsStep: true } step && alert.Night >= step.Start && Math.Abs(alert.Start - step.Start) <= PlacementSlack;

    /// <summary>The first true alert of <paramref name="alerts"/> if it came in time, else null.</summary>
    public static NightlyAlert? FoundInTime(IReadOnlyList<NightlyAlert> alerts, InjectedChange? change) =>
        change is { IsStep: true } && alerts.FirstOrDefault(a => IsTrue(a, change)) is { } first && first.Night - change.Start <= MaxDelay
            ? first
            : null;

    /// <summary>The tally of one series: its alerts, true or false, and when and where its step was found.</summary>
    public static SeriesScore Score(IReadOnlyList<NightlyAlert> alerts, InjectedChange? change, int nights)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var found = FoundInTime(alerts, change);
        return new SeriesScore
        {
            Nights = nights,
            Alerts = alerts.Count,
            TrueAlerts = alerts.Count(a => IsTrue(a, change)),
            Found = found is not null,
            Delay = found is null ? null : found.Night - change!.Start,
            PlacedExactly = found is not null && found.Start == change!.Start,
        };
    }
}
