using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HdrHistogram;
using Latency.RunDirectory;
using Latency.Reports.Statistics;

namespace Latency.Reports.Study;

/// <summary>
/// The study's numbers for machines, next to the report: summary.json and summary.csv (one row per probe and
/// workload, the rows of <see cref="StudySummary"/>), and HdrHistogram percentile distributions (.hgrm) of every
/// session-time histogram. Everything is culture-invariant, '\n'-terminated, and in a fixed order, so the same run
/// always gives the same bytes. Times are milliseconds (the histograms record microseconds).
/// </summary>
public static class SummaryFiles
{
    public const string JsonFileName = "summary.json";

    public const string CsvFileName = "summary.csv";

    /// <summary>The folder of .hgrm files, relative to the documents.</summary>
    public const string HgrmFolder = "hgrm";

    /// <summary>
    /// Version of summary.json's shape; raised when a property changes meaning or is removed. 2: times and gains are
    /// of successful sessions only and are sample quantiles (Hyndman &amp; Fan 7, as the bootstrap), not HdrHistogram's;
    /// rows carry <c>verdict</c>; failures by kind; the study's thresholds.
    /// </summary>
    public const int SchemaVersion = 2;

    /// <summary>Microseconds to milliseconds, as HdrHistogram's outputValueUnitScalingRatio.</summary>
    public const double MicrosecondsPerMillisecond = 1000.0;

    /// <summary>The CSV header, in column order.</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "probe", "country", "city", "workload", "scenario",
        "origin", "origin_count", "origin_failed", "origin_p50_ms", "origin_p95_ms", "origin_p99_ms",
        "in_region", "in_region_count", "in_region_failed", "in_region_p50_ms", "in_region_p95_ms", "in_region_p99_ms",
        "gain_p50", "gain_p95",
        // Added after the first version: appended so that existing columns keep their positions.
        "origin_p50_estimate_ms", "origin_p50_lower_ms", "origin_p50_upper_ms", "origin_p50_too_few_samples",
        "origin_p95_estimate_ms", "origin_p95_lower_ms", "origin_p95_upper_ms", "origin_p95_too_few_samples",
        "in_region_p50_estimate_ms", "in_region_p50_lower_ms", "in_region_p50_upper_ms", "in_region_p50_too_few_samples",
        "in_region_p95_estimate_ms", "in_region_p95_lower_ms", "in_region_p95_upper_ms", "in_region_p95_too_few_samples",
        "bootstrap_gain_p50", "bootstrap_gain_p50_lower", "bootstrap_gain_p50_upper", "bootstrap_gain_p50_too_few_samples",
        "bootstrap_gain_p95", "bootstrap_gain_p95_lower", "bootstrap_gain_p95_upper", "bootstrap_gain_p95_too_few_samples",
        "bootstrap_gain_p99", "bootstrap_gain_p99_lower", "bootstrap_gain_p99_upper", "bootstrap_gain_p99_too_few_samples",
        "verdict", "origin_failure_rate", "in_region_failure_rate",
        "in_region_requests", "in_region_forbidden_requests", "in_region_bytes_sent", "in_region_forbidden_bytes_sent",
    ];

    /// <summary>
    /// summary.json: run status and backend, the study's <c>max_error_rate</c> and every threshold checked, then per row
    /// the origin and in-region successful session counts, failures (count, rate, kinds), p50/p95/p99 (ms, sample
    /// quantiles of successful sessions), p50/p95 with their 95% confidence interval (<c>p50_ci</c>, <c>p95_ci</c>), the
    /// gains at p50 and p95 (null when a side has no sessions), <c>gains</c>: the bootstrap's gain at p50, p95 and p99
    /// with its 95% interval, and the row's <c>verdict</c> (<see cref="StudyVerdict"/>); then <c>harness</c>, run.json's
    /// CPU and emulator figures judged by <see cref="HarnessLoad.Rule"/>. Properties in a fixed order.
    /// </summary>
    /// <param name="run">The run as read (status, study and thresholds come from its run.json).</param>
    /// <param name="summary">The run's summary.</param>
    /// <param name="statistics">The statistics of the summary's rows, in row order.</param>
    /// <param name="backend">The network backend as the report shows it (<see cref="StudyReport.BackendOf"/>), or null when unknown.</param>
    /// <param name="problems">Problems found reading the run, listed as the report lists them.</param>
    public static string Json(
        RunData run, StudySummary summary, IReadOnlyList<RowStatistics> statistics, NetworkBackend? backend, IReadOnlyList<RunDirectoryProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(problems);
        RowStatistics.CheckAligned(summary, statistics, nameof(statistics));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true, NewLine = "\n",
                   // Names of places as written ("São Paulo"), not \u escapes; the file is UTF-8 and never embedded in HTML.
                   Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            var manifest = run.Manifest;
            json.WriteStartObject();
            json.WriteNumber("schema_version", SchemaVersion);
            json.WriteString("study", manifest?.Study?.Name);
            json.WriteString("suite", manifest?.Suite.Name);
            json.WriteString("status", manifest?.Status.ToString().ToLowerInvariant());
            json.WriteString("status_reason", manifest?.StatusReason);
            json.WriteString("backend", backend?.Name());
            if (manifest is null)
            {
                json.WriteNull("started_utc");
                json.WriteNull("ended_utc");
            }
            else
            {
                json.WriteString("started_utc", ReportFormat.Time(manifest.StartedUtc));
                json.WriteString("ended_utc", ReportFormat.Time(manifest.EndedUtc));
            }

            json.WriteString("unit", "ms");
            json.WriteString("main_workload", summary.MainWorkload);
            json.WriteNumber("max_error_rate", manifest?.Study?.MaxErrorRate ?? StudyInfo.DefaultMaxErrorRate);
            WriteNumberOrNull(json, "precision", summary.Precision);
            json.WriteNumber("practical_difference", manifest?.Study?.PracticalDifference ?? StudyVerdict.DefaultPracticalDifference);
            json.WriteString("verdict_rule", StudyVerdict.Rule(manifest?.Study?.MaxErrorRate ?? StudyInfo.DefaultMaxErrorRate,
                manifest?.Study?.PracticalDifference ?? StudyVerdict.DefaultPracticalDifference));
            json.WriteStartArray("thresholds");
            foreach (var scenario in manifest?.Scenarios ?? [])
            {
                foreach (var threshold in scenario.Thresholds)
                {
                    json.WriteStartObject();
                    json.WriteString("scenario", scenario.Name);
                    json.WriteString("threshold", threshold.Text);
                    json.WriteBoolean("passed", threshold.Passed);
                    json.WriteString("observed", threshold.Observed);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var stats in statistics)
            {
                var row = stats.Row;
                json.WriteStartObject();
                json.WriteString("probe", row.Probe);
                json.WriteString("country", row.Country);
                json.WriteString("city", row.City);
                json.WriteString("workload", row.Workload);
                json.WriteString("scenario", row.Scenario);
                json.WritePropertyName("origin");
                WriteSessions(json, row.Origin, stats.Origin);
                json.WritePropertyName("in_region");
                if (row.InRegion is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    WriteSessions(json, row.InRegion, stats.InRegion);
                }

                json.WriteString("verdict", stats.Verdict);
                WriteNumberOrNull(json, "gain_p50_half_width", stats.HalfWidth is { } w ? Math.Round(w, 4, MidpointRounding.AwayFromZero) : null);
                WriteNumberOrNull(json, "gain_p50", Gain(row.GainP50));
                WriteNumberOrNull(json, "gain_p50_lower80", Finite(Gain(stats.GainP50?.Lower80)));
                WriteNumberOrNull(json, "gain_p50_upper80", Finite(Gain(stats.GainP50?.Upper80)));
                // Rounded as gains are: a share of 2,000 replicates needs no more than their 4 decimals.
                WriteNumberOrNull(json, "gain_p50_share_faster", Finite(Gain(stats.GainP50?.ShareFaster)));
                WriteNumberOrNull(json, "gain_p95", Gain(row.GainP95));
                json.WriteStartArray("gains");
                foreach (var gain in stats.Gains)
                {
                    WriteGain(json, gain);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteHarness(json, manifest?.Harness);
            json.WriteStartArray("problems");
            foreach (var problem in problems)
            {
                json.WriteStringValue(problem.ToString());
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var note in summary.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            // Added after the first version: last, so that readers of the older shape find everything where it was.
            WriteResidency(json, ResidencySummary.From(manifest?.Study));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>summary.csv: a header line (<see cref="CsvColumns"/>), then the rows of summary.json; empty cell = unknown.</summary>
    public static string Csv(RunData run, StudySummary summary, IReadOnlyList<RowStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(summary);
        RowStatistics.CheckAligned(summary, statistics, nameof(statistics));
        var csv = new StringBuilder();
        csv.Append(string.Join(",", CsvColumns)).Append('\n');
        foreach (var stats in statistics)
        {
            var row = stats.Row;
            var cells = new List<string> { row.Probe, row.Country, row.City ?? "", row.Workload, row.Scenario };
            cells.AddRange(SessionCells(row.Origin));
            cells.AddRange(row.InRegion is null ? ["", "", "", "", "", ""] : SessionCells(row.InRegion));
            cells.Add(Number(Gain(row.GainP50)));
            cells.Add(Number(Gain(row.GainP95)));
            cells.AddRange(IntervalCells(stats.Origin));
            cells.AddRange(IntervalCells(stats.InRegion));
            cells.AddRange(Statistics.QuantileRatioBootstrap.ReportProbabilities.SelectMany(p => GainCells(stats.Gain(p))));
            cells.Add(stats.Verdict);
            cells.Add(Number(row.Origin.FailureRate));
            cells.Add(Number(row.InRegion?.FailureRate));
            var residency = row.InRegion is null ? null : ResidencySummary.Cell(run.Manifest?.Study, row.Scenario, row.InRegion.Deployment);
            cells.AddRange(residency is { } r
                ? [.. new[] { r.Requests, r.ForbiddenRequests, r.BytesSent, r.ForbiddenBytesSent }.Select(n => n.ToString(CultureInfo.InvariantCulture))]
                : ["", "", "", ""]);
            csv.Append(string.Join(",", cells.Select(CsvCell))).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>
    /// The session-time histograms of a study run (<c>&lt;probe&gt;.&lt;workload&gt;/&lt;deployment&gt;/uncorrected</c>,
    /// every deployment recorded, not only the two compared), with their .hgrm file names
    /// (<c>&lt;probe&gt;.&lt;workload&gt;.&lt;deployment&gt;.hgrm</c>), ordered by file name.
    /// </summary>
    public static IReadOnlyList<(string FileName, HistogramTag Tag, HistogramBase Histogram)> SessionHistograms(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Totals
            .Where(t => t.Key.Kind == HistogramTag.Uncorrected && !t.Key.IsIteration && !t.Key.Step.Contains('.')
                        && StudySummary.TrySplit(t.Key.Scenario, out _, out _))
            .Select(t => (FileName: $"{t.Key.Scenario}.{t.Key.Step}.hgrm", t.Key, t.Value))
            .OrderBy(t => t.FileName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// HdrHistogram's own percentile distribution (<c>OutputPercentileDistribution</c>, 5 ticks per half distance)
    /// of <paramref name="histogram"/>, values in milliseconds (outputValueUnitScalingRatio 1000), after a '#' comment
    /// naming the tag and the unit. Invariant culture, '\n' line ends.
    /// </summary>
    public static string Hgrm(HistogramTag tag, HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(histogram);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.WriteLine($"# {tag.Format()}: session time in milliseconds (recorded in microseconds; outputValueUnitScalingRatio {MicrosecondsPerMillisecond.ToString("0", CultureInfo.InvariantCulture)})");
        // HdrHistogram.NET formats with the current culture: "1,5" under de-DE.
        using (InvariantCultureScope.Enter())
        {
            histogram.OutputPercentileDistribution(text, percentileTicksPerHalfDistance: 5, outputValueUnitScalingRatio: MicrosecondsPerMillisecond);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    // Where users' data went, per country and option (the report's residency section); null when not counted.
    private static void WriteResidency(Utf8JsonWriter json, ResidencySummary? residency)
    {
        if (residency is null)
        {
            json.WriteNull("residency");
            return;
        }

        json.WriteStartObject("residency");
        json.WriteStartArray("forbidden");
        foreach (var code in residency.Forbidden)
        {
            json.WriteStringValue(code);
        }

        json.WriteEndArray();
        json.WriteString("sentence", residency.Sentence());
        json.WriteStartArray("rows");
        foreach (var row in residency.Rows)
        {
            json.WriteStartObject();
            json.WriteString("probe", row.Probe);
            json.WriteString("option", row.Option);
            json.WriteBoolean("origin", row.IsOrigin);
            json.WriteNumber("requests", row.Requests);
            json.WriteNumber("forbidden_requests", row.ForbiddenRequests);
            json.WriteNumber("forbidden_requests_share", Math.Round(row.RequestsShare, 4, MidpointRounding.AwayFromZero));
            json.WriteNumber("bytes_sent", row.BytesSent);
            json.WriteNumber("forbidden_bytes_sent", row.ForbiddenBytesSent);
            json.WriteNumber("forbidden_bytes_sent_share", Math.Round(row.BytesShare, 4, MidpointRounding.AwayFromZero));
            json.WriteNumber("copied_bytes", row.CopiedBytes);
            json.WriteNumber("bytes_received", row.BytesReceived);
            json.WriteStartArray("causes");
            foreach (var cause in row.Causes)
            {
                json.WriteStringValue(cause);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSessions(Utf8JsonWriter json, DeploymentSessions sessions, DeploymentQuantiles? quantiles)
    {
        json.WriteStartObject();
        json.WriteString("deployment", sessions.Deployment);
        json.WriteNumber("count", sessions.Count);
        if (sessions.Failed is { } failed)
        {
            json.WriteNumber("failed", failed);
        }
        else
        {
            json.WriteNull("failed");
        }

        WriteNumberOrNull(json, "failure_rate", sessions.FailureRate);
        json.WriteStartObject("errors");
        foreach (var (kind, count) in sessions.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(kind, count);
        }

        json.WriteEndObject();
        WriteNumberOrNull(json, "p50_ms", sessions.Count == 0 ? null : Ms(sessions.P50Us));
        WriteNumberOrNull(json, "p95_ms", sessions.Count == 0 ? null : Ms(sessions.P95Us));
        WriteNumberOrNull(json, "p99_ms", sessions.Count == 0 ? null : Ms(sessions.P99Us));
        WriteInterval(json, "p50_ci", quantiles?.P50);
        WriteInterval(json, "p95_ci", quantiles?.P95);
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>harness</c>: run.json's CPU and emulator figures in snake_case (shares 0-1 and cores to 3 decimals), and
    /// whether they break <see cref="HarnessLoad.Rule"/>; null for runs that did not record them.
    /// </summary>
    private static void WriteHarness(Utf8JsonWriter json, HarnessInfo? harness)
    {
        if (harness is null)
        {
            json.WriteNull("harness");
            return;
        }

        json.WriteStartObject("harness");
        json.WriteNumber("processor_count", harness.ProcessorCount);
        json.WriteNumber("sample_seconds", harness.SampleSeconds);
        json.WriteNumber("samples", harness.Samples);
        WriteNumberOrNull(json, "cpu_cores_mean", Round3(harness.CpuCoresMean));
        WriteNumberOrNull(json, "cpu_cores_p95", Round3(harness.CpuCoresP95));
        WriteNumberOrNull(json, "cpu_cores_max", Round3(harness.CpuCoresMax));
        WriteNumberOrNull(json, "machine_busy_mean", Round3(harness.MachineBusyMean));
        WriteNumberOrNull(json, "machine_busy_p95", Round3(harness.MachineBusyP95));
        WriteNumberOrNull(json, "machine_busy_max", Round3(harness.MachineBusyMax));
        if (harness.Emulator is { } emulator)
        {
            json.WriteStartObject("emulator");
            WriteNumberOrNull(json, "cpu_cores_mean", Round3(emulator.CpuCoresMean));
            WriteNumberOrNull(json, "cpu_cores_max", Round3(emulator.CpuCoresMax));
            WriteNumberOrNull(json, "forwarded", emulator.Forwarded);
            WriteNumberOrNull(json, "lost", emulator.Lost);
            WriteNumberOrNull(json, "lateness_p50_us", emulator.LatenessP50Us);
            WriteNumberOrNull(json, "lateness_p99_us", emulator.LatenessP99Us);
            WriteNumberOrNull(json, "lateness_p999_us", emulator.LatenessP999Us);
            WriteNumberOrNull(json, "lateness_max_us", emulator.LatenessMaxUs);
            json.WriteString("lateness_scope", emulator.LatenessScope);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("emulator");
        }

        var concerns = HarnessLoad.Concerns(harness);
        json.WriteBoolean("may_be_bottleneck", concerns.Count > 0);
        json.WriteStartArray("concerns");
        foreach (var concern in concerns)
        {
            json.WriteStringValue(concern);
        }

        json.WriteEndArray();
        json.WriteString("rule", HarnessLoad.Rule);
        json.WriteEndObject();
    }

    private static double? Round3(double? value) => value is { } v ? Math.Round(v, 3, MidpointRounding.AwayFromZero) : null;

    private static void WriteInterval(Utf8JsonWriter json, string name, QuantileEstimate? estimate)
    {
        if (estimate is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("estimate_ms", Ms(estimate.Estimate));
        json.WriteNumber("lower_ms", Ms(estimate.Lower));
        json.WriteNumber("upper_ms", Ms(estimate.Upper));
        json.WriteNumber("confidence_level", estimate.ConfidenceLevel);
        json.WriteBoolean("too_few_samples", estimate.TooFewSamples);
        json.WriteString("method", estimate.Method);
        json.WriteEndObject();
    }

    private static void WriteGain(Utf8JsonWriter json, GainEstimate gain)
    {
        json.WriteStartObject();
        json.WriteNumber("quantile", gain.Probability);
        WriteNumberOrNull(json, "gain", Finite(Gain(gain.Gain)));
        WriteNumberOrNull(json, "lower", Finite(Gain(gain.Lower)));
        WriteNumberOrNull(json, "upper", Finite(Gain(gain.Upper)));
        json.WriteNumber("confidence_level", gain.ConfidenceLevel);
        json.WriteBoolean("too_few_samples", gain.TooFewSamples);
        json.WriteNumber("replicates", gain.Replicates);
        json.WriteNumber("seed", gain.Seed);
        json.WriteEndObject();
    }

    private static IEnumerable<string> GainCells(GainEstimate? gain) => gain is null
        ? ["", "", "", ""]
        : [Number(Finite(Gain(gain.Gain))), Number(Finite(Gain(gain.Lower))), Number(Finite(Gain(gain.Upper))), gain.TooFewSamples ? "true" : "false"];

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static IEnumerable<string> IntervalCells(DeploymentQuantiles? quantiles) =>
        new[] { quantiles?.P50, quantiles?.P95 }.SelectMany(e => e is null
            ? new[] { "", "", "", "" }
            : [Number(Ms(e.Estimate)), Number(Ms(e.Lower)), Number(Ms(e.Upper)), e.TooFewSamples ? "true" : "false"]);

    private static IEnumerable<string> SessionCells(DeploymentSessions sessions) =>
    [
        sessions.Deployment,
        sessions.Count.ToString(CultureInfo.InvariantCulture),
        sessions.Failed?.ToString(CultureInfo.InvariantCulture) ?? "",
        Number(sessions.Count == 0 ? null : Ms(sessions.P50Us)),
        Number(sessions.Count == 0 ? null : Ms(sessions.P95Us)),
        Number(sessions.Count == 0 ? null : Ms(sessions.P99Us)),
    ];

    private static double Ms(long microseconds) => microseconds / MicrosecondsPerMillisecond;

    // Estimates interpolate between buckets: to the microsecond, the histograms' resolution, not to float noise.
    private static double Ms(double microseconds) => Ms((long)Math.Round(microseconds, MidpointRounding.AwayFromZero));

    // Gains to 4 decimals: more would be noise of HdrHistogram's 3 significant digits.
    private static double? Gain(double? gain) => gain is { } g ? Math.Round(g, 4, MidpointRounding.AwayFromZero) : null;

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string CsvCell(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
