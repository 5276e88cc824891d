using System.Globalization;

namespace Latency.Reports.Study;

/// <summary>
/// The report's residency section, after the first screen: per country and option, the share of user data bytes and
/// of requests that reached a watched jurisdiction, how much got there by a declared copy, and what took it there.
/// </summary>
public static class ResidencySection
{
    /// <summary>The section's blocks, or nothing when the run counted no residency.</summary>
    /// <param name="summary">The run's residency, or null.</param>
    public static IEnumerable<ReportBlock> Blocks(ResidencySummary? summary)
    {
        if (summary is null) yield break;
        yield return new ReportHeading(2, $"Where users' data went: {summary.ForbiddenNames}");
        yield return new ReportParagraph(
            "Counted from what the harness sent and received, per option: user data is request bodies (uploads, credentials, " +
            "push tokens), requests are those a deployment answered, roles mapped to other deployments included (a login sent " +
            $"to the origin whichever option is under test). Copies are the declared asynchronous replication (world file or " +
            $"suite): the copied share of data written to a deployment, counted where the copy rests. Watched: {string.Join(", ", summary.Forbidden)}" +
            (summary.Unplaced.Count == 0 ? "." : $"; no jurisdiction declared for {string.Join(", ", summary.Unplaced)} (not counted as watched)."));
        yield return new ReportTable(
            ["Country", "Option", "User data sent", $"Reached {summary.ForbiddenNames}", "Share", "Of it copies", "Requests", $"Answered in {summary.ForbiddenNames}", "Share", "What took it there"],
            summary.Rows.Select(r => (IReadOnlyList<string>)
            [
                r.Country, r.IsOrigin ? $"{r.Option} (origin)" : r.Option,
                Bytes(r.BytesSent), Bytes(r.ForbiddenBytesSent), ResidencySummary.Percent(r.BytesShare), Bytes(r.CopiedBytes),
                r.Requests.ToString("N0", CultureInfo.InvariantCulture), r.ForbiddenRequests.ToString("N0", CultureInfo.InvariantCulture),
                ResidencySummary.Percent(r.RequestsShare),
                r.IsOrigin ? "the origin itself" : r.Causes.Count == 0 ? "nothing" : string.Join("; ", r.Causes),
            ]).ToList(),
            new HashSet<int> { 2, 3, 4, 5, 6, 7, 8 });
    }

    /// <summary>Bytes as people read them: "0 B", "512 B", "1.5 MB" (powers of 1000, as workloads write sizes).</summary>
    /// <param name="bytes">A count of bytes.</param>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1000 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1_000_000 => (bytes / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " kB",
        < 1_000_000_000 => (bytes / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
    };
}
