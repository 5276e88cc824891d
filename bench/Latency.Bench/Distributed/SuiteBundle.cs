using System.Text.RegularExpressions;
using Latency.Scenarios.Studies;

namespace Latency.Bench.Distributed;

/// <summary>
/// A suite sent over the wire: its file and every file it names (workloads, world), as texts keyed by their paths
/// relative to the folder that holds them all, so the agent rebuilds the same layout and the suite's relative paths
/// resolve as they did on the coordinator. The agent needs nothing on its disk but the program.
/// </summary>
/// <param name="Suite">The suite file's key in <paramref name="Files"/>.</param>
/// <param name="Files">Each file's text by its relative path ('/'-separated).</param>
public sealed partial record SuiteBundle(string Suite, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>The suite at <paramref name="suitePath"/> with the workloads and world file its study reads.</summary>
    /// <param name="suitePath">The suite file.</param>
    /// <param name="study">Its study, as read from it (the files it names are resolved already).</param>
    public static SuiteBundle FromSuite(string suitePath, StudyDefinition study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var paths = new List<string> { Path.GetFullPath(suitePath) };
        paths.AddRange(study.Workloads.Select(w => Path.GetFullPath(w.File)));
        if (study.WorldSource == StudyWorldSource.File && study.WorldPath is { } world)
        {
            paths.Add(Path.GetFullPath(world));
        }

        var root = CommonFolder(paths);
        var files = paths.Distinct(StringComparer.Ordinal)
            .ToDictionary(p => Relative(root, p), File.ReadAllText, StringComparer.Ordinal);
        return new SuiteBundle(Relative(root, paths[0]), files);
    }

    /// <summary>
    /// Every reason not to write this bundle to disk: a path that is absolute, climbs ('..'), or holds anything but
    /// letters, digits, '-', '_', '.' and '/' (it comes off the wire), or a suite that is not among the files.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Files is null || Files.Count == 0)
        {
            return ["the order holds no files"];
        }

        foreach (var path in Files.Keys)
        {
            if (!SafePath().IsMatch(path) || path.Split('/').Any(part => part is "" or "." or ".."))
            {
                problems.Add($"'{path}': not a plain relative path (letters, digits, '-', '_', '.', '/'; no '..')");
            }
        }

        if (Suite is null || !Files.ContainsKey(Suite))
        {
            problems.Add($"the suite '{Suite}' is not among the order's files");
        }

        return problems;
    }

    /// <summary>Writes the files under <paramref name="root"/> (which must be empty and private) and returns the suite's path.</summary>
    /// <param name="root">An empty folder only this user can write.</param>
    public string ExtractTo(string root)
    {
        if (Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        foreach (var (path, text) in Files)
        {
            var target = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // CreateNew: never open something that is already there, a link least of all.
            using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(file);
            writer.Write(text);
        }

        return Path.Combine(root, Suite.Replace('/', Path.DirectorySeparatorChar));
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string CommonFolder(IReadOnlyList<string> paths)
    {
        var common = Path.GetDirectoryName(paths[0])!;
        while (!paths.All(p => p.StartsWith(common.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            common = Path.GetDirectoryName(common) ?? throw new InvalidOperationException("the suite's files share no folder");
        }

        return common;
    }

    [GeneratedRegex("^[A-Za-z0-9._/-]+$")]
    private static partial Regex SafePath();
}
