namespace Latency.Reports.Charts;

/// <summary>
/// One dot of a <see cref="GainChart"/>: how many times faster one workload's median session is in region than on
/// the origin, from one country, with its 95% and 80% intervals.
/// </summary>
/// <param name="Country">The group's label, e.g. "India" (the probe's name when the country is unknown).</param>
/// <param name="City">The probe's city under the country, e.g. "Mumbai"; null when unknown.</param>
/// <param name="Workload">The workload as people read it, e.g. "App cold start".</param>
/// <param name="Gain">Origin p50 / in-region p50 (&gt; 1: faster in region).</param>
/// <param name="Lower">Lower bound of the gain's 95% interval; null when there is none.</param>
/// <param name="Upper">Upper bound of the gain's 95% interval; null when there is none.</param>
/// <param name="TooFewSamples">True when a side has too few sessions for the interval to mean what it says.</param>
/// <param name="Lower80">Lower bound of the gain's 80% interval; null when there is none.</param>
/// <param name="Upper80">Upper bound of the gain's 80% interval; null when there is none.</param>
public sealed record GainPoint(
    string Country, string? City, string Workload, double Gain, double? Lower, double? Upper, bool TooFewSamples,
    double? Lower80 = null, double? Upper80 = null);
