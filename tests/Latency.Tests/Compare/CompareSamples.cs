using System.Text.Json;
using System.Text.Json.Nodes;
using Latency.Reports.Compare;
using Latency.RunDirectory;
using Latency.Tests.Reports;
using Latency.Tests.Statistics;

namespace Latency.Tests.Compare;

/// <summary>
/// Synthetic run directories for <c>latency compare</c>: run.json and one interval log of seeded lognormal samples
/// (median 100 ms, sigma 0.3, as a server with a fixed delay and some spread), optionally scaled, e.g. 1.25 for a
/// server 25% slower.
/// </summary>
internal static class CompareSamples
{
    public const string StudyTag = "mumbai.app-cold-start/beijing/uncorrected";

    public const string IterationTag = "checkout/-/corrected";

    public const string StepTag = "checkout/login/uncorrected";

    /// <summary><paramref name="count"/> lognormal samples (µs) of median 100 ms x <paramref name="scale"/>, from <paramref name="seed"/>.</summary>
    public static long[] Samples(int seed, int count, double scale = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => StatisticsSamples.LogNormal(random, Math.Log(100_000 * scale), 0.3)).ToArray();
    }

    /// <summary>A study run (suite "default", <see cref="StudySamples.Study"/>) with one row, <see cref="StudyTag"/>.</summary>
    public static Task WriteStudyAsync(string directory, int seed, double scale = 1, int count = 2_000, StudyInfo? study = null) =>
        WriteRunAsync(directory, "default", study ?? StudySamples.Study(), new Dictionary<string, long[]>
        {
            [StudyTag] = Samples(seed, count, scale),
            // A request of the session and the paired iteration: not rows of a study.
            ["mumbai.app-cold-start/beijing.config/uncorrected"] = Samples(seed + 1, count, scale),
            ["mumbai.app-cold-start/-/corrected"] = Samples(seed + 2, count, scale),
        });

    /// <summary>A plain run of suite <paramref name="suite"/>: the checkout scenario's iteration and its login step.</summary>
    public static Task WritePlainAsync(string directory, int seed, double scale = 1, int count = 2_000, string suite = "shop") =>
        WriteRunAsync(directory, suite, null, new Dictionary<string, long[]>
        {
            [IterationTag] = Samples(seed, count, scale),
            [StepTag] = Samples(seed + 1, count, scale),
            // A phase: not a row.
            ["checkout/login/ttfb"] = Samples(seed + 2, count, scale),
        });

    /// <summary>Writes a baseline and a current run into fresh directories with the two writers and compares them at 5%.</summary>
    public static async Task<RunComparison> CompareAsync(Func<string, Task> writeBaseline, Func<string, Task> writeCurrent)
    {
        using var baseline = new TempDirectory();
        using var current = new TempDirectory();
        await writeBaseline(baseline.Path);
        await writeCurrent(current.Path);
        return await RunComparer.CompareAsync(baseline.Path, current.Path, CompareVerdict.DefaultTolerance);
    }

    /// <summary>Rewrites <paramref name="directory"/>'s run.json as schema version 1 wrote it: camelCase names.</summary>
    public static void RewriteAsSchemaOne(string directory)
    {
        var file = Path.Combine(directory, RunManifest.FileName);
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        var camel = Renamed(node)!.AsObject();
        camel["schemaVersion"] = 1;
        File.WriteAllText(file, camel.ToJsonString());
    }

    private static JsonNode? Renamed(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(JsonNamingPolicy.CamelCase.ConvertName(ToPascal(p.Key)), Renamed(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Renamed)]),
        null => null,
        _ => node.DeepClone(),
    };

    private static string ToPascal(string snake) => string.Concat(snake.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    public static async Task WriteRunAsync(string directory, string suite, StudyInfo? study, Dictionary<string, long[]> histograms)
    {
        var manifest = ManifestSamples.Partial() with
        {
            Suite = new SuiteInfo { Name = suite },
            Status = RunStatus.Complete,
            StatusReason = null,
            Scenarios = [],
            HistogramLogs = [new HistogramLogEntry { File = "run.hlog", Tags = histograms.Keys.ToList() }],
            Study = study,
        };
        await RunManifestFile.WriteAsync(directory, manifest);
        using var writer = IntervalLogWriter.Create(Path.Combine(directory, "run.hlog"), HistogramSamples.RunStart);
        foreach (var (tag, values) in histograms)
        {
            writer.Append(HistogramSamples.Interval(tag, 0, values));
        }
    }
}
