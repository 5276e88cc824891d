namespace Latency.Micro.ChangePoints;

/// <summary>The scores of one <see cref="AccuracyCase"/>'s series, summed.</summary>
/// <param name="Case">The case.</param>
/// <param name="Scores">One per series.</param>
public sealed record CaseResult(AccuracyCase Case, IReadOnlyList<SeriesScore> Scores)
{
    /// <summary>Series whose step was found within <see cref="AlertScoring.MaxDelay"/> runs, of all series; null for no step.</summary>
    public double? Recall => Case.StepSize is null ? null : Scores.Count(s => s.Found) / (double)Scores.Count;

    /// <summary>True alerts of all alerts; null when there was none.</summary>
    public double? Precision => Alerts == 0 ? null : Scores.Sum(s => s.TrueAlerts) / (double)Alerts;

    /// <summary>Of the steps found, the share whose alert named their first run exactly; null when none was found.</summary>
    public double? PlacedExactly => Scores.Count(s => s.Found) is var found and > 0 ? Scores.Count(s => s.PlacedExactly) / (double)found : null;

    /// <summary>Alerts raised in all series.</summary>
    public int Alerts => Scores.Sum(s => s.Alerts);

    /// <summary>False alerts per 100 simulated nights.</summary>
    public double FalseAlertsPer100Nights => 100.0 * Scores.Sum(s => s.FalseAlerts) / Scores.Sum(s => s.Nights);

    /// <summary>Series with at least one false alert, of all series.</summary>
    public double SeriesWithFalseAlert => Scores.Count(s => s.FalseAlerts > 0) / (double)Scores.Count;

    /// <summary>Delays (nights from the step's first run to its alert) of the steps found, ascending.</summary>
    public IReadOnlyList<int> Delays => Scores.Where(s => s.Delay is not null).Select(s => s.Delay!.Value).Order().ToList();
}
