using System.Globalization;

namespace Latency.Reports.Study;

/// <summary>The report's section on the handset's radio: per comparison, its share of the sessions and the gain with
/// and without it. Absent from runs without a radio, so their reports read as before.</summary>
public static class RadioSection
{
    /// <summary>The section, or nothing when no session recorded a radio time.</summary>
    /// <param name="effects">One per comparison that had a radio (<see cref="RadioEffect.From"/>).</param>
    public static IEnumerable<ReportBlock> Blocks(IReadOnlyList<RadioEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        if (effects.Count == 0)
        {
            yield break;
        }

        var blocks = new List<ReportBlock>
        {
            new ReportParagraph(
                "Time each session's packets waited for the handset's radio (promotion from idle, DRX wake-ups), from the " +
                "emulator's per-handset ledger, as a mean per session and a share of the mean session time. The radio costs " +
                "both deployments alike, so it shrinks the gain: \"without radio\" is the ratio of mean session times with each " +
                "side's radio time taken out, what a measurement that ignored the radio would have reported. Gains here are " +
                "of means (the parts of a mean add up; the headline's gains are of medians)."),
            new ReportTable(
                ["Country", "Workload", "Origin radio (ms)", "Share", "In-region radio (ms)", "Share", "Gain of means", "Without radio"],
                effects.Select(e => (IReadOnlyList<string>)
                [
                    e.Row.Country, WorkloadLabel.Of(e.Row.Workload),
                    ReportFormat.Ms(e.OriginRadioUs), Percent(e.OriginShare),
                    ReportFormat.Ms(e.InRegionRadioUs), Percent(e.InRegionShare),
                    ReportFormat.Gain(e.GainOfMeans), ReportFormat.Gain(e.GainWithoutRadio),
                ]).ToList(),
                new HashSet<int> { 2, 3, 4, 5, 6, 7 }),
        };
        yield return new ReportDetails("The handset's radio: its share of each session, and the gain without it", blocks);
    }

    private static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "-";
}
