using System.Globalization;
using Latency.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>
/// Where a study's user data went, per country and option (run.json <c>study.residency</c>): the rows of the
/// report's residency section and the first screen's sentence on it. Pure.
/// </summary>
/// <param name="Forbidden">The jurisdictions watched, as codes.</param>
/// <param name="ForbiddenNames">The same, as people read them ("China").</param>
/// <param name="Rows">Per probe (the study's order), the origin then each in-region option.</param>
/// <param name="Unplaced">Deployments reached whose jurisdiction nobody declared.</param>
public sealed record ResidencySummary(
    IReadOnlyList<string> Forbidden,
    string ForbiddenNames,
    IReadOnlyList<ResidencyRow> Rows,
    IReadOnlyList<string> Unplaced)
{
    /// <summary>The summary of <paramref name="study"/>, or null when it counted no residency (older runs, load runs).</summary>
    /// <param name="study">run.json's study section.</param>
    public static ResidencySummary? From(StudyInfo? study)
    {
        if (study?.Residency is not { } residency || residency.Flows.Count == 0)
        {
            return null;
        }

        var forbidden = residency.Forbidden.ToHashSet(StringComparer.Ordinal);
        var names = NameList(residency.Forbidden.Select(code => residency.Names.GetValueOrDefault(code) ?? code).ToList());
        var rows = new List<ResidencyRow>();
        foreach (var comparison in study.Comparisons)
        {
            var country = ProbeLabel.Of(comparison.Probe, comparison.Country, comparison.City);
            foreach (var option in comparison.InRegion.Prepend(comparison.Origin))
            {
                var flows = residency.Flows.Where(f => f.Option == option && f.Scenario.StartsWith(comparison.Probe + ".", StringComparison.Ordinal)).ToList();
                var sessions = flows.Where(f => !f.Replicated).ToList();
                var there = flows.Where(f => f.Jurisdiction is { } j && forbidden.Contains(j)).ToList();
                var causes = there.Where(f => f.BytesSent > 0 || f.Requests > 0)
                    .GroupBy(f => f.Replicated ? $"copies from {f.ReplicatedFrom} to {f.Deployment}" : $"{Workload(f.Scenario)} to {f.Deployment}", StringComparer.Ordinal)
                    .OrderByDescending(g => g.Sum(f => f.BytesSent)).ThenByDescending(g => g.Sum(f => f.Requests)).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => g.Key)
                    .ToList();
                rows.Add(new ResidencyRow(comparison.Probe, country, option, option == comparison.Origin,
                    sessions.Sum(f => f.Requests), sessions.Sum(f => f.BytesSent), sessions.Sum(f => f.BytesReceived),
                    there.Sum(f => f.Requests), there.Sum(f => f.BytesSent), there.Where(f => f.Replicated).Sum(f => f.BytesSent), causes));
            }
        }

        var unplaced = residency.Flows.Where(f => f.Jurisdiction is null).Select(f => f.Deployment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new ResidencySummary(residency.Forbidden, names, rows, unplaced);
    }

    /// <summary>
    /// The first screen's sentence, over every in-region option of the study: the share of user data bytes and of
    /// requests that reached a watched jurisdiction, and what took them there. Null when nothing is watched.
    /// </summary>
    public string? Sentence()
    {
        if (Forbidden.Count == 0) return null;
        var inRegion = Rows.Where(r => !r.IsOrigin).ToList();
        if (inRegion.Count == 0) return null;
        var bytes = inRegion.Sum(r => r.BytesSent);
        var requests = inRegion.Sum(r => r.Requests);
        var bytesShare = bytes == 0 ? 0 : (double)inRegion.Sum(r => r.ForbiddenBytesSent) / bytes;
        var requestsShare = requests == 0 ? 0 : (double)inRegion.Sum(r => r.ForbiddenRequests) / requests;
        var start = $"With the in-region deployments, {Percent(bytesShare)} of the user data sent reached {ForbiddenNames}";
        if (bytesShare == 0 && requestsShare == 0)
        {
            return $"{start}, and no request went there.";
        }

        var causes = inRegion.SelectMany(r => r.Causes).Distinct(StringComparer.Ordinal).Take(2).ToList();
        var why = causes.Count == 0 ? "" : $": {string.Join("; ", causes)}";
        return bytesShare == 0
            ? $"{start}; requests still did ({Percent(requestsShare)} of requests{why})."
            : $"{start} ({Percent(requestsShare)} of requests{why}).";
    }

    /// <summary>
    /// One cell's option (a summary row's in-region side): requests and user data bytes in all and those that reached
    /// a watched jurisdiction; null when the run counted no residency.
    /// </summary>
    /// <param name="study">run.json's study section.</param>
    /// <param name="scenario">The cell's scenario.</param>
    /// <param name="option">The deployment under test.</param>
    public static (long Requests, long ForbiddenRequests, long BytesSent, long ForbiddenBytesSent)? Cell(StudyInfo? study, string scenario, string option)
    {
        if (study?.Residency is not { } residency || residency.Flows.Count == 0) return null;
        var flows = residency.Flows.Where(f => f.Scenario == scenario && f.Option == option).ToList();
        var there = flows.Where(f => f.Jurisdiction is { } j && residency.Forbidden.Contains(j)).ToList();
        return (flows.Where(f => !f.Replicated).Sum(f => f.Requests), there.Sum(f => f.Requests),
            flows.Where(f => !f.Replicated).Sum(f => f.BytesSent), there.Sum(f => f.BytesSent));
    }

    /// <summary>A share as the report writes it: "0%", "&lt;0.1%", "14%", "2.5%".</summary>
    /// <param name="share">0 to 1.</param>
    public static string Percent(double share) => share switch
    {
        0 => "0%",
        < 0.001 => "<0.1%",
        < 0.1 => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        _ => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%",
    };

    private static string Workload(string scenario) => scenario[(scenario.IndexOf('.', StringComparison.Ordinal) + 1)..];

    private static string NameList(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "no watched jurisdiction",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
    };
}
