using Latency.RunDirectory;

namespace Latency.Bench.Application;

/// <summary>
/// The directory a run writes (<c>--out</c>) must hold nothing but the run: interval logs, charts or a calibration.json
/// left there by an earlier run would be read with it and shown as its own. So a directory that is not empty is
/// refused, unless <c>--force</c>, which empties it first; and --force empties only a run directory (a run.json of
/// ours in it), never just any folder: <c>--out ~ --force</c> must not delete a home directory.
/// </summary>
internal static class RunDirectoryTarget
{
    /// <summary>What is wrong with writing a run into <paramref name="directory"/>, for <c>--out: </c>; null when nothing is.</summary>
    /// <param name="directory">The run directory asked for.</param>
    /// <param name="force">Whether <c>--force</c> was given: a run directory may then be emptied.</param>
    /// <param name="offerForce">Whether the command has <c>--force</c> to suggest (<c>latency nightly</c> has not).</param>
    public static string? Problem(string directory, bool force, bool offerForce = true)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (File.Exists(directory))
        {
            return $"{directory} is a file, not a directory";
        }

        bool empty;
        try
        {
            empty = !Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{directory} cannot be read: {e.Message}";
        }

        if (empty)
        {
            return null;
        }

        if (!force)
        {
            return $"{directory} is not empty: what is left there (interval logs, charts, calibration.json) would be read with " +
                   "this run and shown as its own; give a new or empty directory" + (offerForce ? ", or add --force to empty it first" : "");
        }

        return NotARunDirectory(directory) is { } why
            ? $"{directory} is not empty and --force empties only a run directory: {why}; give a new or empty directory"
            : null;
    }

    /// <summary>
    /// Empties <paramref name="directory"/> for <c>--force</c> when it is a run directory that is not empty (the caller
    /// has checked <see cref="Problem"/>; this checks again, as the directory may have changed since).
    /// </summary>
    /// <param name="directory">The run directory to empty.</param>
    public static void Empty(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (Problem(directory, force: true) is { } problem)
        {
            throw new IOException($"--out: {problem}");
        }

        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            // A link goes, not what it points to: a run directory never links outside itself, but one made by hand might.
            if (entry is DirectoryInfo folder && folder.LinkTarget is null)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    /// <summary>Why <paramref name="directory"/> is not a run directory of ours, or null when it is.</summary>
    private static string? NotARunDirectory(string directory)
    {
        if (!File.Exists(Path.Combine(directory, RunManifest.FileName)))
        {
            return $"it has no {RunManifest.FileName}, so it is not one";
        }

        try
        {
            // Read as every reader does: a run.json of another tool is not ours to delete around.
            RunManifestFile.ReadAsync(directory).GetAwaiter().GetResult();
            return null;
        }
        catch (RunDirectoryFormatException e)
        {
            return $"its {RunManifest.FileName} is not a Latency run manifest ({e.Problem})";
        }
    }
}
