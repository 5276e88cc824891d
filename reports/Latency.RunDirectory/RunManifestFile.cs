using System.Text.Json;
using System.Text.Json.Serialization;

namespace Latency.RunDirectory;

/// <summary>Writes and reads <c>run.json</c> (<see cref="RunManifest"/>) in a run directory.</summary>
public static class RunManifestFile
{
    /// <summary>camelCase, indented, enums as camelCase strings; shared by writer and reader so they cannot drift.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>
    /// Writes <c>run.json</c> into <paramref name="directory"/> (created if missing). The manifest goes to a
    /// temporary file first, which then replaces run.json, so a crash never leaves a half-written run.json.
    /// </summary>
    public static async Task WriteAsync(string directory, RunManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.SchemaVersion != RunManifest.CurrentSchemaVersion)
        {
            throw new ArgumentException(
                $"schemaVersion {manifest.SchemaVersion} cannot be written; this version writes {RunManifest.CurrentSchemaVersion}",
                nameof(manifest));
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, RunManifest.FileName);
        var temporaryPath = Path.Combine(directory, $".{RunManifest.FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, manifest, JsonOptions, cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                // On disk before the rename: otherwise a power cut could leave a renamed but empty run.json.
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
    /// Reads <c>run.json</c> from <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="RunDirectoryFormatException">
    /// The file is missing, is not valid JSON, misses a required field, has an unknown schemaVersion, or has a
    /// value of the wrong type; the message names the file and, where known, the line and JSON path.
    /// </exception>
    public static async Task<RunManifest> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, RunManifest.FileName);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RunDirectoryFormatException(path, "file not found: not a run directory, or the run did not start", e);
        }
        catch (IOException e)
        {
            throw new RunDirectoryFormatException(path, $"cannot read: {e.Message}", e);
        }

        return Parse(path, bytes);
    }

    private static RunManifest Parse(string path, byte[] bytes)
    {
        // The version is checked before the content: a future schema may differ anywhere, and "unknown
        // schemaVersion 2" is a better message than whatever field of it happens not to fit this version.
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RunDirectoryFormatException(path, "expected a JSON object at the top level");
            }

            if (!document.RootElement.TryGetProperty("schemaVersion", out var version))
            {
                throw new RunDirectoryFormatException(path, "missing schemaVersion: not a Latency run manifest");
            }

            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
            {
                throw new RunDirectoryFormatException(path, $"schemaVersion must be an integer, found {version.GetRawText()}");
            }

            if (number != RunManifest.CurrentSchemaVersion)
            {
                throw new RunDirectoryFormatException(
                    path,
                    $"unknown schemaVersion {number}: this version of latency reads schemaVersion {RunManifest.CurrentSchemaVersion}");
            }
        }
        catch (JsonException e)
        {
            throw new RunDirectoryFormatException(path, $"not valid JSON{Where(e)}: {FirstSentence(e.Message)}", e);
        }

        try
        {
            return JsonSerializer.Deserialize<RunManifest>(bytes, JsonOptions)
                ?? throw new RunDirectoryFormatException(path, "expected a JSON object, found null");
        }
        catch (JsonException e)
        {
            throw new RunDirectoryFormatException(path, $"does not match schemaVersion {RunManifest.CurrentSchemaVersion}{Where(e)}: {FirstSentence(e.Message)}", e);
        }
    }

    private static string Where(JsonException e)
    {
        var line = e.LineNumber is { } l ? $" at line {l + 1}" : "";
        var jsonPath = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" ({e.Path})";
        return line + jsonPath;
    }

    // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; Where() already says that.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
