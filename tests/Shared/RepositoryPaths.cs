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
}
