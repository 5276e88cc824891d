using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>A place the handset backend runs: the origin or an in-region candidate.</summary>
/// <param name="Name">Unique among deployments, <c>[a-z0-9-]+</c> (it names a network namespace).</param>
/// <param name="Site">The data centre it stands for, e.g. "aws:ap-south-1 Mumbai".</param>
/// <param name="Role">Origin or in-region.</param>
/// <param name="Serves">ISO code of the country or region it serves, one of <see cref="WorldCountries.Known"/>.</param>
/// <param name="HttpVersions">HTTP versions the backend offers: "1.1" and/or "2".</param>
/// <param name="Source">Optional citation for the site (e.g. the row that measured it).</param>
/// <param name="Location">Where the deployment was written.</param>
/// <param name="Coordinates">Where its site is on the globe, for maps; null when the file gives no <c>location</c>.</param>
public sealed record DeploymentDefinition(
    string Name,
    string Site,
    DeploymentRole Role,
    string Serves,
    IReadOnlyList<string> HttpVersions,
    string? Source = null,
    SourceLocation? Location = null,
    CitedCoordinates? Coordinates = null)
{
    /// <summary>
    /// Where the data users send it rests, as a jurisdiction code (<c>CN</c>, <c>IN</c>, <c>HK</c>); null when the file
    /// does not say (residency reports it as unknown).
    /// </summary>
    public string? Jurisdiction { get; init; }

    /// <summary>Where <see cref="Jurisdiction"/> comes from ("source; assumption: rule"), empty when written bare.</summary>
    public string JurisdictionCitation { get; init; } = string.Empty;

    /// <summary>The deployments that receive an asynchronous copy of the user data written to this one.</summary>
    public IReadOnlyList<Residency.ReplicationDefinition> ReplicatesTo { get; init; } = [];
}
