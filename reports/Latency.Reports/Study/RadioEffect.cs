using HdrHistogram;
using Latency.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>
/// How much of one comparison's sessions the handset's radio took, and the gain with and without that time: the
/// radio's wait is paid on both deployments alike, so taking it out shows how much larger the gain would look if the
/// radio were ignored (what a tool without a radio model reports). Means, like the phase breakdown: the radio's mean
/// and the other parts' means add up to the mean session time; medians of parts would not.
/// </summary>
/// <param name="Row">The comparison.</param>
/// <param name="OriginRadioUs">Mean radio time per origin session (0 where the side had no radio).</param>
/// <param name="InRegionRadioUs">Mean radio time per in-region session.</param>
public sealed record RadioEffect(StudyRow Row, double OriginRadioUs, double InRegionRadioUs)
{
    /// <summary>Share of the origin's mean session time spent waiting for the radio.</summary>
    public double? OriginShare => Share(OriginRadioUs, Row.Origin.MeanUs);

    /// <summary>Share of the in-region deployment's mean session time spent waiting for the radio.</summary>
    public double? InRegionShare => Row.InRegion is { } inRegion ? Share(InRegionRadioUs, inRegion.MeanUs) : null;

    /// <summary>Origin mean over in-region mean, the radio included.</summary>
    public double? GainOfMeans => Ratio(Row.Origin.MeanUs, Row.InRegion?.MeanUs);

    /// <summary>The same with each side's radio time taken out.</summary>
    public double? GainWithoutRadio => Ratio(Row.Origin.MeanUs - OriginRadioUs, Row.InRegion?.MeanUs - InRegionRadioUs);

    /// <summary>
    /// The effect for <paramref name="row"/> from the run's session radio histograms; null when neither side recorded
    /// a radio time (radio off, no handsets, or a run from before the radio).
    /// </summary>
    /// <param name="run">The run's data.</param>
    /// <param name="row">The comparison.</param>
    public static RadioEffect? From(RunData run, StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(row);
        var origin = MeanRadioUs(run, row.Scenario, row.Origin.Deployment);
        var inRegion = row.InRegion is { } i ? MeanRadioUs(run, row.Scenario, i.Deployment) : null;
        return origin is null && inRegion is null ? null : new RadioEffect(row, origin ?? 0, inRegion ?? 0);
    }

    private static double? MeanRadioUs(RunData run, string scenario, string deployment) =>
        run.Totals.TryGetValue(new HistogramTag(scenario, deployment, HistogramTag.Radio), out var radio) && radio.TotalCount > 0
            ? radio.GetMean()
            : null;

    private static double? Share(double radioUs, double meanUs) => meanUs > 0 ? Math.Clamp(radioUs / meanUs, 0, 1) : null;

    private static double? Ratio(double? origin, double? inRegion) => origin > 0 && inRegion > 0 ? origin / inRegion : null;
}
