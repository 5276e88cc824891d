namespace Latency.Reports.Study;

/// <summary>
/// One country and one option of a study, as the residency section shows it: all its sessions' traffic, and what of
/// it reached a watched jurisdiction (<see cref="ResidencySummary.Forbidden"/>), copies included.
/// </summary>
/// <param name="Probe">The probe's name.</param>
/// <param name="Country">The probe as people read it ("India (Mumbai)").</param>
/// <param name="Option">The deployment under test.</param>
/// <param name="IsOrigin">True for the compared origin.</param>
/// <param name="Requests">Requests the option's sessions sent, every deployment they reached.</param>
/// <param name="BytesSent">User data bytes they sent.</param>
/// <param name="BytesReceived">Response bytes they received.</param>
/// <param name="ForbiddenRequests">Of <paramref name="Requests"/>, those answered in a watched jurisdiction.</param>
/// <param name="ForbiddenBytesSent">User data bytes that reached a watched jurisdiction, copies included.</param>
/// <param name="CopiedBytes">Of <paramref name="ForbiddenBytesSent"/>, those that got there by a declared copy.</param>
/// <param name="Causes">What took data there, largest first: "account-login: login to beijing", "copies from mumbai".</param>
public sealed record ResidencyRow(
    string Probe,
    string Country,
    string Option,
    bool IsOrigin,
    long Requests,
    long BytesSent,
    long BytesReceived,
    long ForbiddenRequests,
    long ForbiddenBytesSent,
    long CopiedBytes,
    IReadOnlyList<string> Causes)
{
    /// <summary>Share of user data bytes that reached a watched jurisdiction (0 when none was sent).</summary>
    public double BytesShare => BytesSent == 0 ? 0 : Math.Min(1, (double)ForbiddenBytesSent / BytesSent);

    /// <summary>Share of requests answered in a watched jurisdiction.</summary>
    public double RequestsShare => Requests == 0 ? 0 : (double)ForbiddenRequests / Requests;
}
