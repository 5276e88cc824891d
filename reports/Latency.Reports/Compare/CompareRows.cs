using Latency.RunDirectory;
using Latency.Reports.Study;

namespace Latency.Reports.Compare;

/// <summary>
/// The rows of one run that <c>latency compare</c> looks at (<see cref="CompareRow"/>): in a study run (run.json has a
/// study section) every probe x workload x deployment session histogram, as the study report reads them
/// (<see cref="StudySummary"/>: requests inside a session, step <c>&lt;deployment&gt;.&lt;request&gt;</c>, are not
/// sessions); in a plain run every scenario's corrected iteration latency and every step's duration.
/// </summary>
public static class CompareRows
{
    /// <summary>The rows of <paramref name="run"/> with recorded histograms, ordered by tag.</summary>
    public static IReadOnlyList<CompareRow> Of(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var study = run.Manifest?.Study is not null;
        var rows = new List<CompareRow>();
        foreach (var tag in run.Totals.Keys)
        {
            if (study)
            {
                if (tag.Kind == HistogramTag.Uncorrected && !tag.IsIteration && !tag.Step.Contains('.')
                    && StudySummary.TrySplit(tag.Scenario, out var probe, out var workload))
                {
                    rows.Add(new CompareRow { Tag = tag, Probe = probe, Workload = workload, Deployment = tag.Step });
                }
            }
            else if (tag.IsIteration ? tag.Kind == HistogramTag.Corrected : tag.Kind == HistogramTag.Uncorrected)
            {
                rows.Add(new CompareRow { Tag = tag });
            }
        }

        return rows.OrderBy(r => r.Tag.Format(), StringComparer.Ordinal).ToList();
    }
}
