using System.Text.Json;
using Latency.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>Reads the optional calibration.json of a run directory.</summary>
public static class CalibrationFile
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

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
            var table = JsonSerializer.Deserialize<CalibrationTable>(bytes, JsonOptions);
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
