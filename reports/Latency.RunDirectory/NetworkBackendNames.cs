namespace Latency.RunDirectory;

/// <summary>The name of a <see cref="NetworkBackend"/> in files and messages.</summary>
public static class NetworkBackendNames
{
    /// <summary>
    /// The lowercase name (<c>tun</c>, <c>relay</c>, <c>direct</c>), the one JSON files use: for text, where an
    /// enum's own <c>ToString()</c> would print <c>Tun</c>.
    /// </summary>
    public static string Name(this NetworkBackend backend) => backend.ToString().ToLowerInvariant();
}
