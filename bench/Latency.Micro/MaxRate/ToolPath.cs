namespace Latency.Micro.MaxRate;

/// <summary>Where a peer load generator (wrk, hey) is: a given path, or the first match on PATH.</summary>
public static class ToolPath
{
    /// <summary>The given path when it exists, else the first <paramref name="name"/> on PATH; null when there is none.</summary>
    /// <param name="name">The executable's file name, e.g. <c>wrk</c>.</param>
    /// <param name="given">A path from the command line, or null to search PATH.</param>
    public static string? Find(string name, string? given)
    {
        if (given is not null)
        {
            return File.Exists(given) ? given : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
