namespace Latency.Reports.Study;

/// <summary>
/// A probe as a product lead reads it: "India (Mumbai)", the country and city run.json's study section gives it, or
/// the probe's name ("lab-desk") when the run has neither, as with real endpoints. The report and the table printed
/// at the end of a run both use it, so the two name a row alike.
/// </summary>
public static class ProbeLabel
{
    /// <summary>"Country (City)", the country alone without a city, the probe's name without a country.</summary>
    /// <param name="probe">The probe's name as in tags, e.g. "kuala-lumpur".</param>
    /// <param name="country">The country for people, e.g. "Malaysia"; null or blank when unknown.</param>
    /// <param name="city">The city, e.g. "Kuala Lumpur"; null or blank when unknown.</param>
    public static string Of(string probe, string? country, string? city)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var place = string.IsNullOrWhiteSpace(country) ? probe : country;
        return string.IsNullOrWhiteSpace(city) ? place : $"{place} ({city})";
    }
}
