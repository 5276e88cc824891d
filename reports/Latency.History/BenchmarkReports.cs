using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Latency.RunDirectory;

namespace Latency.History;

/// <summary>
/// BenchmarkDotNet's JSON reports (<c>--exporters json</c>, BenchmarkDotNet 0.15) as history runs, so the harness's
/// own hot paths (recording, pacing, log writing) are followed night after night like a suite's rows. Any of its JSON
/// exporters is read: <c>-report-full.json</c> and <c>-report-full-compressed.json</c> (with each iteration's
/// measurements), <c>-report-brief.json</c> and <c>-report.json</c> (statistics only).
/// </summary>
/// <remarks>
/// <para>Suite: <c>bdn:</c> and the benchmark class's full name, e.g. <c>bdn:Latency.Micro.Pacing.PacerBenchmarks</c>;
/// the report's title is not used, it ends in a timestamp. A report of several classes (<c>--join</c>) is suite
/// <c>bdn:</c> and the title without its timestamp, its rows named <c>Class.Method</c>.</para>
/// <para>Start: the timestamp BenchmarkDotNet puts at the end of the title (<c>-yyyyMMdd-HHmmss</c>, its local clock,
/// stored as it reads, as if UTC), else the file's last write time: either way the same file gives the same start,
/// so adding it again is recognised as the same run. Machine: the current one (the report names the CPU, not the
/// host).</para>
/// <para>Rows: one per benchmark, <c>Method</c> or <c>Method(name: value, ...)</c>, per operation in picoseconds
/// (<see cref="HistoryUnit.Picoseconds"/>, shown in ns):
/// p50 is the median, p90 and p95 BenchmarkDotNet's percentiles, max its maximum; p99 comes from the workload's
/// result iterations (time / operations) when the report has them, else the maximum stands in for it (brief
/// reports; with tens of iterations p99 is the slowest one or next to it anyway). Count is the number of result
/// iterations; errors are 0 (a benchmark that failed has no statistics and is left out); bytes allocated per
/// operation when the MemoryDiagnoser ran.</para>
/// </remarks>
public static partial class BenchmarkReports
{
    /// <summary>The prefix of every BenchmarkDotNet suite in the history.</summary>
    public const string SuitePrefix = "bdn:";

    /// <summary>
    /// The report files <paramref name="path"/> stands for: the file itself, or in a folder (e.g.
    /// <c>BenchmarkDotNet.Artifacts</c> or its <c>results</c>) each report once, the fullest of its exports (full,
    /// full-compressed, default, brief) when several were written. Ordered by file name.
    /// </summary>
    /// <exception cref="BenchmarkReportException">Nothing at <paramref name="path"/>, or a folder without reports.</exception>
    public static IReadOnlyList<string> Files(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new BenchmarkReportException($"{path}: no such file or folder");
        }

        var results = Path.Combine(path, "results");
        var folder = Directory.Exists(results) && !Directory.EnumerateFiles(path, "*-report*.json").Any() ? results : path;
        var files = Directory.EnumerateFiles(folder, "*-report*.json")
            .Select(file => (File: file, Name: Path.GetFileName(file)))
            .Select(f => (f.File, Report: f.Name[..f.Name.LastIndexOf("-report", StringComparison.Ordinal)], Rank: ExportRank(f.Name)))
            .GroupBy(f => f.Report, StringComparer.Ordinal)
            .Select(g => g.OrderBy(f => f.Rank).First().File)
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0
            ? files
            : throw new BenchmarkReportException($"{path}: no BenchmarkDotNet JSON report (*-report*.json) in this folder or its results/");
    }

    /// <summary>The run and rows of the report in <paramref name="file"/>.</summary>
    /// <param name="file">A BenchmarkDotNet JSON report.</param>
    /// <param name="label">A free text stored with the run, or null.</param>
    /// <param name="cancellationToken">Stops reading the file.</param>
    /// <exception cref="BenchmarkReportException">Unreadable, not JSON, not a BenchmarkDotNet report, or no benchmark with results.</exception>
    public static async Task<BenchmarkReportRun> ReadAsync(string file, string? label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        JsonDocument document;
        try
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            // The JSON reader lets bytes that are not UTF-8 through inside strings and fails only when one is read,
            // with an InvalidOperationException: refused here as what they are, a file that is no report.
            if (!Utf8.IsValid(bytes))
            {
                throw new BenchmarkReportException($"{file}: not a BenchmarkDotNet JSON report (not UTF-8 text)");
            }

            document = JsonDocument.Parse(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchmarkReportException($"{file}: cannot be read: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new BenchmarkReportException($"{file}: not JSON: {e.Message}", e);
        }

        using (document)
        {
            return Read(document.RootElement, file, label);
        }
    }

    private static BenchmarkReportRun Read(JsonElement root, string file, string? label)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("Title", out var titleElement) || titleElement.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("Benchmarks", out var benchmarks) || benchmarks.ValueKind != JsonValueKind.Array)
        {
            throw new BenchmarkReportException($"{file}: not a BenchmarkDotNet JSON report (no Title and Benchmarks)");
        }

        var measured = benchmarks.EnumerateArray()
            .Where(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("Statistics", out var s) && s.ValueKind == JsonValueKind.Object)
            .ToList();
        if (measured.Count == 0)
        {
            throw new BenchmarkReportException(benchmarks.GetArrayLength() == 0
                ? $"{file}: the report has no benchmarks"
                : $"{file}: none of the report's {benchmarks.GetArrayLength()} benchmarks has results (did they fail?)");
        }

        var title = titleElement.GetString()!;
        var types = measured.Select(b => $"{Text(b, "Namespace")}.{Text(b, "Type")}".TrimStart('.')).Distinct(StringComparer.Ordinal).ToList();
        var stamp = TitleStamp().Match(title);
        var oneClass = types.Count == 1 && types[0].Length > 0;
        var rows = Rows(measured, qualified: !oneClass, file);
        var fullPath = Path.GetFullPath(file);
        var run = new HistoryRun
        {
            Suite = SuitePrefix + (oneClass ? types[0] : title[..(stamp.Success ? stamp.Index : title.Length)]),
            Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
            Commit = GitCommit.Of(Path.GetDirectoryName(fullPath)!),
            Machine = Environment.MachineName,
            StartedUtc = stamp.Success
                ? new DateTimeOffset(DateTime.ParseExact(stamp.Groups["stamp"].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture), TimeSpan.Zero)
                : new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero),
            Status = RunStatus.Complete,
            RunDirectory = fullPath,
        };
        return new BenchmarkReportRun(run, rows);
    }

    private static List<HistoryRow> Rows(List<JsonElement> benchmarks, bool qualified, string file)
    {
        var rows = new List<HistoryRow>();
        foreach (var benchmark in benchmarks)
        {
            var statistics = benchmark.GetProperty("Statistics");
            var results = WorkloadResults(benchmark);
            var max = Number(statistics, "Max", file);
            var key = Key(benchmark, qualified);
            // Two jobs of one benchmark (e.g. --runtimes) are two rows: the job, as BenchmarkDotNet shows it, tells them apart.
            if (rows.Any(r => r.Key == key))
            {
                key += " " + Text(benchmark, "DisplayInfo").Split(": ", 2).Last();
            }

            rows.Add(new HistoryRow
            {
                Key = key,
                Count = results.Count > 0 ? results.Count : (long)Number(statistics, "N", file),
                Errors = 0,
                P50 = Picoseconds(Number(statistics, "Median", file)),
                P90 = Picoseconds(Percentile(statistics, "P90", file)),
                P95 = Picoseconds(Percentile(statistics, "P95", file)),
                // Without the iterations (a brief report) the maximum stands in for p99.
                P99 = Picoseconds(results.Count > 0 ? Quantile(results, 0.99) : max),
                Max = Picoseconds(max),
                Unit = HistoryUnit.Picoseconds,
                AllocatedBytes = AllocatedBytes(benchmark),
            });
        }

        return rows;
    }

    /// <summary><c>Method</c>, or <c>Method(name: value, ...)</c> from BenchmarkDotNet's <c>name=value&amp;...</c>; <c>Type.</c> first when asked.</summary>
    private static string Key(JsonElement benchmark, bool qualified)
    {
        var method = Text(benchmark, "Method");
        var parameters = Text(benchmark, "Parameters");
        var key = qualified ? $"{Text(benchmark, "Type")}.{method}" : method;
        if (parameters.Length == 0)
        {
            return key;
        }

        var pairs = parameters.Split('&').Select(p => p.Split('=', 2)).Select(p => p.Length == 2 ? $"{p[0]}: {p[1]}" : p[0]);
        return $"{key}({string.Join(", ", pairs)})";
    }

    /// <summary>Nanoseconds per operation of each workload result iteration (the ones BenchmarkDotNet's statistics are of).</summary>
    private static List<double> WorkloadResults(JsonElement benchmark)
    {
        if (!benchmark.TryGetProperty("Measurements", out var measurements) || measurements.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return measurements.EnumerateArray()
            .Where(m => Text(m, "IterationMode") == "Workload" && Text(m, "IterationStage") == "Result")
            .Where(m => m.TryGetProperty("Operations", out var o) && TryNumber(o, out var ops) && ops > 0
                        && m.TryGetProperty("Nanoseconds", out var n) && n.ValueKind == JsonValueKind.Number)
            .Select(m => m.GetProperty("Nanoseconds").GetDouble() / m.GetProperty("Operations").GetDouble())
            .ToList();
    }

    /// <summary>
    /// The MemoryDiagnoser's bytes per operation (metric <c>Allocated Memory</c>); null without the diagnoser, whose
    /// absence the report's <c>Memory</c> block would show as 0 bytes.
    /// </summary>
    private static long? AllocatedBytes(JsonElement benchmark) =>
        benchmark.TryGetProperty("Metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Array
        && metrics.EnumerateArray().FirstOrDefault(m => m.ValueKind == JsonValueKind.Object
                                                       && m.TryGetProperty("Descriptor", out var d) && d.ValueKind == JsonValueKind.Object
                                                       && Text(d, "Id") == "Allocated Memory") is { ValueKind: JsonValueKind.Object } metric
        && metric.TryGetProperty("Value", out var value) && TryNumber(value, out var bytes)
            ? (long)Math.Round(bytes, MidpointRounding.AwayFromZero)
            : null;

    /// <summary>The <paramref name="q"/> quantile with linear interpolation between order statistics (R's type 7, as BenchmarkDotNet's percentiles).</summary>
    internal static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = (sorted.Length - 1) * q;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    private static double Percentile(JsonElement statistics, string name, string file) =>
        statistics.TryGetProperty("Percentiles", out var percentiles) && percentiles.ValueKind == JsonValueKind.Object
            ? Number(percentiles, name, file)
            : throw new BenchmarkReportException($"{file}: a benchmark's Statistics has no Percentiles");

    private static double Number(JsonElement element, string name, string file) =>
        element.TryGetProperty(name, out var value) && TryNumber(value, out var number) && double.IsFinite(number)
            ? number
            : throw new BenchmarkReportException($"{file}: a benchmark's Statistics has no number '{name}'");

    /// <summary>
    /// The element's number. JsonElement.TryGetDouble throws InvalidOperationException on a string or an object,
    /// not false, and a damaged report has those where numbers belong.
    /// </summary>
    private static bool TryNumber(JsonElement value, out double number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out number);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    /// <summary>BenchmarkDotNet's nanoseconds as whole picoseconds: 0.001 ns is far below any benchmark's noise.</summary>
    private static long Picoseconds(double nanoseconds) => (long)Math.Round(nanoseconds * 1000, MidpointRounding.AwayFromZero);

    /// <summary>Lower is fuller: the full export has the iterations; the brief one only statistics.</summary>
    private static int ExportRank(string fileName) =>
        fileName.EndsWith("-report-full.json", StringComparison.Ordinal) ? 0
        : fileName.EndsWith("-report-full-compressed.json", StringComparison.Ordinal) ? 1
        : fileName.EndsWith("-report.json", StringComparison.Ordinal) ? 2
        : 3;

    /// <summary>BenchmarkDotNet's title ends in the run's local time, e.g. <c>-20261202-101234</c>.</summary>
    [GeneratedRegex(@"-(?<stamp>\d{8}-\d{6})$")]
    private static partial Regex TitleStamp();
}
