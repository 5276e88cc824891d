using System.Text.Json;
using System.Text.Json.Nodes;
using Latency.RunDirectory;

namespace Latency.Reports.Compare;

/// <summary>
/// compare.json, for machines: snake_case as every run-directory JSON (<see cref="RunDirectoryJson"/>), properties in a
/// fixed order, numbers that cannot be known (a run without samples) as null. Per row: its tag, scenario, step, probe,
/// workload, deployment, both sample counts and <c>p50</c>, <c>p95</c>, <c>p99</c>, each with <c>ratio</c> (current /
/// baseline), <c>lower</c>, <c>upper</c> (95% interval, widened by the history's between-run spread), the bootstrap's
/// own <c>within_run_lower</c> and <c>within_run_upper</c>, <c>between_run_spread</c> (SD of log ratio, null without a
/// history), <c>p_value</c> and <c>adjusted_p_value</c> (Benjamini-Hochberg), <c>baseline_ms</c>, <c>current_ms</c> and
/// <c>verdict</c>. New properties are added without raising the schema version; none changed meaning.
/// </summary>
public static class CompareJson
{
    public const string FileName = "compare.json";

    /// <summary>Version of compare.json's shape; raised when a property changes meaning or is removed.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The JSON text, '\n'-terminated.</summary>
    public static string Write(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var root = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["baseline"] = comparison.BaselineDirectory,
            ["current"] = comparison.CurrentDirectory,
            ["tolerance"] = comparison.Tolerance,
            ["rule"] = CompareVerdict.Rule(comparison.Tolerance),
            ["comparable"] = comparison.IsComparable,
            ["differences"] = Strings(comparison.Differences),
            ["regression"] = comparison.HasRegression,
            ["tests"] = comparison.Tests,
            ["spread_runs"] = comparison.SpreadRuns,
            ["rows"] = new JsonArray(comparison.Rows.Select(Row).ToArray<JsonNode?>()),
            ["only_in_baseline"] = Strings(comparison.OnlyInBaseline),
            ["only_in_current"] = Strings(comparison.OnlyInCurrent),
        };
        return root.ToJsonString(RunDirectoryJson.Options).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Row(RowComparison row)
    {
        var json = new JsonObject
        {
            ["label"] = row.Row.Label,
            ["tag"] = row.Row.Tag.Format(),
            ["scenario"] = row.Row.Scenario,
            ["step"] = row.Row.Step,
            ["probe"] = row.Row.Probe,
            ["workload"] = row.Row.Workload,
            ["deployment"] = row.Row.Deployment,
            ["baseline_count"] = row.BaselineCount,
            ["current_count"] = row.CurrentCount,
        };
        foreach (var q in row.Quantiles)
        {
            json[q.Name] = new JsonObject
            {
                ["ratio"] = Number(q.Ratio),
                ["lower"] = Number(q.Lower),
                ["upper"] = Number(q.Upper),
                ["within_run_lower"] = Number(q.WithinRunLower),
                ["within_run_upper"] = Number(q.WithinRunUpper),
                ["between_run_spread"] = q.BetweenRunSpread is { } spread ? Number(spread) : null,
                ["p_value"] = Number(q.PValue),
                ["adjusted_p_value"] = Number(q.AdjustedPValue),
                ["baseline_ms"] = Number(q.BaselineUs / 1000),
                ["current_ms"] = Number(q.CurrentUs / 1000),
                ["verdict"] = q.Verdict,
            };
        }

        return json;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;
}
