namespace Latency.Reports.Study;

/// <summary>One country of the <see cref="GainGrid"/>.</summary>
/// <param name="Probe">The probe's name, e.g. "mumbai".</param>
/// <param name="Label">The row's label: the country, or "Country (City)" when the study has two probes in it.</param>
/// <param name="Cells">One cell per <see cref="GainGrid.Workloads"/> entry; null where the probe did not run it.</param>
public sealed record GainGridRow(string Probe, string Label, IReadOnlyList<GainGridCell?> Cells);
