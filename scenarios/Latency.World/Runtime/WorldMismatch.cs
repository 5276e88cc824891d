namespace Latency.World.Runtime;

/// <summary>
/// Whether the world that is up is the one wanted. Name and profile are not enough: a world file of one's own may be
/// called <c>asia</c> like the built-in one, or be edited while its world is up, and a study would then have measured
/// the network that is up instead of the one its file describes. So the file's content (its SHA-256) decides.
/// </summary>
public static class WorldMismatch
{
    /// <summary>Null when <paramref name="running"/> is <paramref name="wanted"/>; else why not, for the user.</summary>
    /// <param name="running">The world that is up.</param>
    /// <param name="wanted">The plan of the world a command needs.</param>
    public static string? Describe(WorldState running, WorldPlan wanted)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(wanted);
        const string TakeItDown = "take it down with 'latency world down' first";
        if (running.WorldName != wanted.WorldName || running.Profile != wanted.Profile)
        {
            return $"world '{running.WorldName}' (profile {running.Profile}) is up, but world '{wanted.WorldName}' " +
                   $"(profile {wanted.Profile}) is wanted: {TakeItDown}";
        }

        if (running.WorldContentSha256 is null || wanted.WorldContentSha256 is null)
        {
            // A state from a build that did not record the content: it cannot be shown to be the same world.
            return $"world '{running.WorldName}' is up from {Source(running.WorldFile)}, but its state does not record the file's " +
                   $"content, so it cannot be told from {Source(wanted.WorldFile)}: {TakeItDown}";
        }

        return string.Equals(running.WorldContentSha256, wanted.WorldContentSha256, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"world '{running.WorldName}' is up from a different file (content differs): up from {Source(running.WorldFile)} " +
              $"(sha256 {Short(running.WorldContentSha256)}), wanted from {Source(wanted.WorldFile)} (sha256 {Short(wanted.WorldContentSha256)}): " +
              TakeItDown;
    }

    /// <summary>Where a world came from, as messages and <c>world status</c> name it.</summary>
    /// <param name="worldFile">The world file's full path; null for the built-in world.</param>
    public static string Source(string? worldFile) => worldFile ?? "the built-in world";

    /// <summary>The first 12 hex digits of a content hash: enough to tell two files apart on screen.</summary>
    /// <param name="sha256">A SHA-256 in hex.</param>
    public static string Short(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;
}
