using Latency.RunDirectory;

namespace Latency.Reports.Compare;

/// <summary>
/// Whether two run directories describe comparable runs. Collects every difference rather than stopping at the first,
/// so one try tells the user all that is wrong: a directory that cannot be read, a different suite,
/// kind of run (study or plain), study, world, profile, network backend or radio, or no row in common.
/// </summary>
public static class Comparability
{
    /// <summary>Every difference between <paramref name="baseline"/> and <paramref name="current"/>; empty when comparable.</summary>
    /// <param name="baseline">The baseline run.</param>
    /// <param name="current">The current run.</param>
    /// <param name="sharedRows">How many rows the two runs share (<see cref="CompareRows"/>).</param>
    public static IReadOnlyList<string> Differences(RunData baseline, RunData current, int sharedRows)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var differences = new List<string>();
        foreach (var (name, run) in new[] { ("baseline", baseline), ("current", current) })
        {
            differences.AddRange(run.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{name}: {p}"));
            if (run.Manifest is null && !run.Problems.Any(p => p.Severity == ProblemSeverity.Error))
            {
                differences.Add($"{name}: {run.Directory} has no {RunManifest.FileName}");
            }
        }

        if (baseline.Manifest is { } b && current.Manifest is { } c)
        {
            // No check of schema_version: the reader maps every version it reads (1, camelCase; 2, snake_case) onto
            // the same records, so last night's run written before a rename still compares with tonight's.
            Differ(differences, "suite", b.Suite.Name, c.Suite.Name);
            Differ(differences, "kind of run", b.Study is null ? "plain run" : "study", c.Study is null ? "plain run" : "study");
            if (b.Study is { } bs && c.Study is { } cs)
            {
                Differ(differences, "study", bs.Name, cs.Name);
                Differ(differences, "study world", bs.World, cs.World);
                Differ(differences, "study profile", bs.Profile, cs.Profile);
                Differ(differences, "network backend", bs.Backend?.ToString(), cs.Backend?.ToString());
                // The radio adds hundreds of ms to sessions on both deployments: a run with it and one without would
                // read as a regression that no code caused.
                Differ(differences, "study radio (handsets' promotion and DRX)", bs.EffectiveRadio, cs.EffectiveRadio);
            }
        }

        if (differences.Count == 0 && sharedRows == 0)
        {
            differences.Add("no row in common: the runs recorded no histogram of the same scenario and step");
        }

        return differences;
    }

    private static void Differ(List<string> differences, string what, string? baseline, string? current)
    {
        if (!string.Equals(baseline, current, StringComparison.Ordinal))
        {
            differences.Add($"{what} differs: baseline '{baseline ?? "(none)"}', current '{current ?? "(none)"}'");
        }
    }
}
