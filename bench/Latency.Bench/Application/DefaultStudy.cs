namespace Latency.Bench.Application;

/// <summary>
/// The default study built into the program (scenarios/suites/default.yaml and the workloads it names). It is
/// written to a temporary folder with the same layout, so the suite's relative workload paths resolve as in the
/// repository.
/// </summary>
public static class DefaultStudy
{
    private const string Prefix = "default/";

    /// <summary>Extracts the suite and workloads once per process and returns the suite's path.</summary>
    public static string Extract()
    {
        var root = Path.Combine(Path.GetTempPath(), $"latency-default-study-{Environment.ProcessId}");
        var assembly = typeof(DefaultStudy).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var target = Path.Combine(root, name[Prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(target);
            source.CopyTo(file);
        }

        return Path.Combine(root, "suites", "default.yaml");
    }
}
