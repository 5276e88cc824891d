using System.Text.Json;

namespace Latency.RunDirectory;

/// <summary>
/// Writes and reads <c>run.json</c> (<see cref="RunManifest"/>) in a run directory: written in snake_case
/// (<see cref="RunDirectoryJson"/>, <c>schema_version</c> 2); read in that form and in the camelCase of schema version
/// 1 (<c>schemaVersion</c>), which every run before the convention wrote.
/// </summary>
public static class RunManifestFile
{
    /// <summary>The version field of the current form, and of the camelCase form before it.</summary>
    private const string VersionField = "schema_version", CamelCaseVersionField = "schemaVersion";

    /// <summary>The schema version of the camelCase form; the same fields, named in camelCase.</summary>
    private const int CamelCaseSchemaVersion = 1;

    /// <summary>
    /// Writes <c>run.json</c> into <paramref name="directory"/> (created if missing), through <see cref="AtomicFile"/>:
    /// a crash never leaves a half-written run.json.
    /// </summary>
    public static async Task WriteAsync(string directory, RunManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.SchemaVersion != RunManifest.CurrentSchemaVersion)
        {
            throw new ArgumentException(
                $"{VersionField} {manifest.SchemaVersion} cannot be written; this version writes {RunManifest.CurrentSchemaVersion}",
                nameof(manifest));
        }

        Directory.CreateDirectory(directory);
        await AtomicFile.WriteAsync(Path.Combine(directory, RunManifest.FileName), async (stream, token) =>
        {
            await JsonSerializer.SerializeAsync(stream, manifest, RunDirectoryJson.Options, token).ConfigureAwait(false);
            await stream.WriteAsync("\n"u8.ToArray(), token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads <c>run.json</c> from <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="RunDirectoryFormatException">
    /// The file is missing, is not valid JSON, misses a required field, has an unknown schema version, or has a
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

    /// <summary>Reads a run.json held as text (one sent by a distributed agent); <paramref name="where"/> names it in errors.</summary>
    /// <exception cref="RunDirectoryFormatException">As <see cref="ReadAsync"/>.</exception>
    public static RunManifest FromText(string where, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(where, System.Text.Encoding.UTF8.GetBytes(text));
    }

    private static RunManifest Parse(string path, byte[] bytes)
    {
        // The version is checked before the content: a future schema may differ anywhere, and "unknown
        // schema_version 3" is a better message than whatever field of it happens not to fit this version.
        (JsonSerializerOptions Options, string Field, int Version) form;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RunDirectoryFormatException(path, "expected a JSON object at the top level");
            }

            form = FormOf(path, document.RootElement);
        }
        catch (JsonException e)
        {
            throw new RunDirectoryFormatException(path, $"not valid JSON{Where(e)}: {FirstSentence(e.Message)}", e);
        }

        try
        {
            return JsonSerializer.Deserialize<RunManifest>(bytes, form.Options)
                ?? throw new RunDirectoryFormatException(path, "expected a JSON object, found null");
        }
        catch (JsonException e)
        {
            throw new RunDirectoryFormatException(path, $"does not match {form.Field} {form.Version}{Where(e)}: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>
    /// The form of the file, told by the name of its version field: <c>schema_version</c> (snake_case, the current
    /// version) or <c>schemaVersion</c> (camelCase, version 1, runs written before). Any other version is refused.
    /// </summary>
    private static (JsonSerializerOptions Options, string Field, int Version) FormOf(string path, JsonElement root)
    {
        var (field, options, expected) = root.TryGetProperty(VersionField, out _)
            ? (VersionField, RunDirectoryJson.Options, RunManifest.CurrentSchemaVersion)
            : (CamelCaseVersionField, RunDirectoryJson.CamelCaseOptions, CamelCaseSchemaVersion);
        if (!root.TryGetProperty(field, out var version))
        {
            throw new RunDirectoryFormatException(path, $"missing {VersionField}: not a Latency run manifest");
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
        {
            throw new RunDirectoryFormatException(path, $"{field} must be an integer, found {version.GetRawText()}");
        }

        if (number != expected)
        {
            throw new RunDirectoryFormatException(
                path,
                $"unknown {field} {number}: this version of latency reads {VersionField} {RunManifest.CurrentSchemaVersion} " +
                $"(and {CamelCaseVersionField} {CamelCaseSchemaVersion} of older runs)");
        }

        return (options, field, number);
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
