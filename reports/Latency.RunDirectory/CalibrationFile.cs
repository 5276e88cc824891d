using System.Text.Json;

namespace Latency.RunDirectory;

/// <summary>
/// Writes and reads the optional calibration.json of a run directory: one model (<see cref="CalibrationTable"/>) and
/// the run directory's JSON options (<see cref="RunDirectoryJson"/>, snake_case as the file always was) for both sides,
/// so `latency calibrate` and the report cannot drift apart.
/// </summary>
public static class CalibrationFile
{
    /// <summary>Writes <paramref name="table"/> as <see cref="CalibrationTable.FileName"/> in <paramref name="directory"/>.</summary>
    /// <returns>The file's path.</returns>
    public static async Task<string> WriteAsync(string directory, CalibrationTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(table);
        var path = Path.Combine(directory, CalibrationTable.FileName);
        await AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(table, RunDirectoryJson.Options), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>
    /// Reads <see cref="CalibrationTable.FileName"/> from <paramref name="directory"/>. Returns null when the file is
    /// absent (not a problem: calibration is optional) or unreadable (then a problem is added). Never throws for the
    /// file's content.
    /// </summary>
    public static async Task<CalibrationTable?> ReadAsync(
        string directory, ICollection<RunDirectoryProblem> problems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(problems);
        var path = Path.Combine(directory, CalibrationTable.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var table = JsonSerializer.Deserialize<CalibrationTable>(bytes, RunDirectoryJson.Options);
            if (table is null)
            {
                problems.Add(new RunDirectoryProblem(path, null, ProblemSeverity.Error, "expected a JSON object, found null"));
            }

            return table;
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int?)(l + 1) : null;
            var message = e.Message.IndexOf(" Path: ", StringComparison.Ordinal) is var cut and >= 0 ? e.Message[..cut] : e.Message;
            problems.Add(new RunDirectoryProblem(path, line, ProblemSeverity.Error, $"calibration not read: {message}"));
        }
        catch (IOException e)
        {
            problems.Add(new RunDirectoryProblem(path, null, ProblemSeverity.Error, $"cannot read: {e.Message}"));
        }
        catch (UnauthorizedAccessException e)
        {
            problems.Add(new RunDirectoryProblem(path, null, ProblemSeverity.Error, $"cannot read: {e.Message}"));
        }

        return null;
    }
}
