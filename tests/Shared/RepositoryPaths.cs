namespace Latency.TestSupport;

/// <summary>The checkout the tests run from: files of the repository (world files, workloads, fixtures) by path.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding Latency.sln, found upward from the test binaries.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "Latency.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Latency.sln not found above the test binaries");
    }

    /// <summary>scenarios/workloads/NAME.yaml, a workload the repository ships.</summary>
    public static string Workload(string name) => Path.Combine(Root(), "scenarios", "workloads", name + ".yaml");

    /// <summary>scenarios/suites/NAME.yaml, a suite the repository ships.</summary>
    public static string Suite(string name) => Path.Combine(Root(), "scenarios", "suites", name + ".yaml");

    /// <summary>scenarios/world/NAME.yaml, a world the repository ships.</summary>
    public static string World(string name) => Path.Combine(Root(), "scenarios", "world", name + ".yaml");
}
