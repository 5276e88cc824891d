using System.Text;

namespace Latency.RunDirectory;

/// <summary>
/// Writes a file so that a reader never finds it half-written: the content goes to a temporary file in the same
/// directory, is flushed to disk, and then replaces the target in one rename. A crash, SIGTERM or full disk midway
/// leaves the old file (or none), never a truncated one, and the temporary file is removed when the writer fails.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark to <paramref name="path"/>.</summary>
    /// <param name="path">The file to write; its directory must exist.</param>
    /// <param name="text">The whole content.</param>
    /// <param name="cancellationToken">Stops writing; the target is then left as it was.</param>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WriteAllBytesAsync(path, Utf8.GetBytes(text), cancellationToken);
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    /// <param name="path">The file to write; its directory must exist.</param>
    /// <param name="bytes">The whole content.</param>
    /// <param name="cancellationToken">Stops writing; the target is then left as it was.</param>
    public static Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return WriteAsync(path, (stream, token) => stream.WriteAsync(bytes, token).AsTask(), cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="path"/> with <paramref name="write"/>, which gets the temporary file's stream. If it
    /// throws, the exception goes on, the temporary file is deleted and the target is untouched.
    /// </summary>
    /// <param name="path">The file to write; its directory must exist.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="cancellationToken">Stops writing; the target is then left as it was.</param>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        // Same directory: a rename within one file system is atomic; across file systems File.Move would copy.
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporaryPath = TemporaryPath(directory, Path.GetFileName(path));
        try
        {
            await using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                // On disk before the rename: otherwise a power cut could leave a renamed but empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }
        }
    }

    /// <summary>
    /// The temporary name of <paramref name="fileName"/>: hidden (a leading dot), unique per write (two writers never
    /// share one), and ending in .tmp, so that no reader's pattern (*.hlog, run.json) matches it.
    /// </summary>
    internal static string TemporaryPath(string directory, string fileName) =>
        Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}.tmp");
}
