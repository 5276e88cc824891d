using Latency.Scenarios.Suites;

namespace Latency.Bench.Application;

/// <summary>
/// The default study built into the program (scenarios/suites/default.yaml and the workloads it names). It is
/// written to a temporary folder with the same layout, so the suite's relative workload paths resolve as in the
/// repository, read, and the folder removed.
/// </summary>
public static class DefaultStudy
{
    /// <summary>The start of the temporary folder's name; the rest is random.</summary>
    public const string FolderPrefix = "latency-default-study-";

    private const string Prefix = "default/";

    /// <summary>The default study's suite, read from a private temporary copy that is gone when this returns.</summary>
    public static SuiteDefinition Load()
    {
        // A fresh folder with a random name, made atomically and 0700: a predictable path in /tmp (it used to be
        // latency-default-study-PID) lets another user plant a symbolic link there, which File.Create would follow.
        var root = Directory.CreateTempSubdirectory(FolderPrefix);
        try
        {
            return SuiteLoader.Load(Extract(root.FullName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>Writes the suite and workloads under <paramref name="root"/> (which must be private) and returns the suite's path.</summary>
    /// <param name="root">An empty folder only this user can write.</param>
    public static string Extract(string root)
    {
        var assembly = typeof(DefaultStudy).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var target = Path.Combine(root, name[Prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = assembly.GetManifestResourceStream(name)!;
            // CreateNew: never open something that is already there, a link least of all.
            using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            source.CopyTo(file);
        }

        return Path.Combine(root, "suites", "default.yaml");
    }
}
