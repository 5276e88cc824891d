namespace Latency.Tests.Workloads;

/// <summary>Paths of the data files the repository ships (workloads, suites, the world).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = RepositoryPaths.Root();

    public static string Workload(string name) => Path.Combine(Root, "scenarios", "workloads", name + ".yaml");

    public static string Suite(string name) => Path.Combine(Root, "scenarios", "suites", name + ".yaml");

    public static string World(string name) => Path.Combine(Root, "scenarios", "world", name + ".yaml");
}
