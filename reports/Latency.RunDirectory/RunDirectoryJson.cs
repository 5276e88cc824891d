using System.Text.Json;
using System.Text.Json.Serialization;

namespace Latency.RunDirectory;

/// <summary>
/// The one JSON convention of a run directory: every JSON file in it (run.json, calibration.json, the report's
/// summary.json) names its fields in snake_case, so a script reads one directory with one habit. Writers and readers
/// of the files modelled here share these options, so they cannot drift apart.
/// </summary>
public static class RunDirectoryJson
{
    /// <summary>snake_case names, indented, enums as snake_case strings (never numbers).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>
    /// The camelCase of run.json schema version 1, written before the convention: only to read such files.
    /// </summary>
    internal static readonly JsonSerializerOptions CamelCaseOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}
