namespace Latency.World.Native;

/// <summary>
/// Finds the system tools the world runs as root (<c>ip</c>, <c>setsid</c>, <c>sh</c>) in a fixed list of system
/// folders, never through PATH: a PATH that names a folder someone else can write (or a relative one, or the
/// current folder) would otherwise let them run their own program with our privileges.
/// </summary>
public static class SystemTools
{
    /// <summary>Where system tools are looked for, in this order (sbin first: <c>ip</c> lives there on most systems).</summary>
    public static readonly IReadOnlyList<string> Folders = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>The absolute path of <paramref name="tool"/> in <see cref="Folders"/>; throws a clear error when it is in none.</summary>
    /// <param name="tool">The tool's file name, e.g. <c>ip</c>.</param>
    /// <param name="package">The package that provides it, named in the error.</param>
    public static string Resolve(string tool, string package) => Resolve(tool, package, Folders, File.Exists);

    /// <summary>The first <c>FOLDER/TOOL</c> that <paramref name="exists"/> over <paramref name="folders"/>, in order.</summary>
    /// <param name="tool">The tool's file name; a name with a '/' is refused, so a caller cannot slip a path in.</param>
    /// <param name="package">The package that provides it, named in the error.</param>
    /// <param name="folders">Absolute folders to look in, in order.</param>
    /// <param name="exists">Whether a file exists (a fake in tests).</param>
    public static string Resolve(string tool, string package, IReadOnlyList<string> folders, Func<string, bool> exists)
    {
        ArgumentException.ThrowIfNullOrEmpty(tool);
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(exists);
        if (tool.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{tool}' must be a tool's file name, not a path", nameof(tool));
        }

        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, tool);
            if (Path.IsPathFullyQualified(candidate) && exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"'{tool}' was not found in {string.Join(", ", folders)} (install package {package}); PATH is not searched, on purpose", tool);
    }
}
