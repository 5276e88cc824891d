using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using HdrHistogram;
using Latency.RunDirectory;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class RunManifestFileTests
{
    [Fact]
    public async Task ReadAsync_WrittenManifest_RoundTrips()
    {
        using var dir = new TempDirectory();
        var manifest = ManifestSamples.Partial();

        await RunManifestFile.WriteAsync(dir.Path, manifest);
        var read = await RunManifestFile.ReadAsync(dir.Path);

        // Records holding lists compare lists by reference: compare what they serialize to.
        Assert.Equal(Serialize(manifest), Serialize(read));
        Assert.Equal(manifest.EndedUtc, read.EndedUtc);
        Assert.Equal(RunStatus.Partial, read.Status);
        Assert.Equal(3, read.Scenarios[0].Errors["timeout"]);
        Assert.Single(Directory.GetFiles(dir.Path)); // no temporary file left behind
    }

    [Fact]
    public async Task ReadAsync_ManifestWithHarness_RoundTripsInSnakeCase()
    {
        var manifest = ManifestSamples.Partial() with { Harness = StudySamples.Harness() };

        var (read, json) = await RoundTripAsync(manifest);

        Assert.Equal(manifest.Harness, read.Harness);
        Assert.Contains("\"cpu_cores_p95\": 1.1", json);
        Assert.Contains("\"lateness_p99_us\": 85", json);
        Assert.Contains("\"lateness_scope\": \"run\"", json);
    }

    [Fact]
    public async Task ReadAsync_StudyWithPlaces_RoundTripsThemInSnakeCase()
    {
        var (read, json) = await RoundTripAsync(ManifestSamples.Partial() with { Study = StudySamples.Study() with { Places = StudySamples.Places() } });

        Assert.Equal(StudySamples.Places(), read.Study!.Places);
        Assert.All(
            ["\"places\": [", "\"kind\": \"deployment\"", "\"label\": \"aws:ap-south-1 Mumbai\"", "\"latitude\": -6.172472", "\"longitude\": 116.38634"],
            expected => Assert.Contains(expected, json));
    }

    [Fact]
    public async Task ReadAsync_StudyWrittenBeforePlaces_ReadsWithNoPlaces()
    {
        using var dir = new TempDirectory();
        await RunManifestFile.WriteAsync(dir.Path, ManifestSamples.Partial() with { Study = StudySamples.Study() });
        var json = JsonNode.Parse(await File.ReadAllTextAsync(dir.File("run.json")))!;
        Assert.True(json["study"]!.AsObject().Remove("places"));
        await File.WriteAllTextAsync(dir.File("run.json"), json.ToJsonString());

        var read = await RunManifestFile.ReadAsync(dir.Path);

        Assert.Empty(read.Study!.Places);
        Assert.Equal("mumbai", read.Study.Comparisons[0].Probe);
    }

    [Fact]
    public async Task WriteAsync_Manifest_WritesSnakeCaseStringEnumsAndIsoTimes()
    {
        using var dir = new TempDirectory();

        await RunManifestFile.WriteAsync(dir.Path, ManifestSamples.Partial());
        var json = await File.ReadAllTextAsync(dir.File("run.json"));

        Assert.Contains("\"schema_version\": 2", json);
        Assert.Contains("\"status\": \"partial\"", json);
        Assert.Contains("\"load_model\": \"open\"", json);
        Assert.Contains("\"started_utc\": \"2023-11-14T22:13:20+00:00\"", json);
        Assert.Contains("\"p999_us\": 6", json);
        Assert.Contains("\"http_503\": 5", json);
        Assert.Contains("\n  \"tool\": {", json); // indented
    }

    [Fact]
    public async Task WriteAsync_ExistingManifest_ReplacesIt()
    {
        using var dir = new TempDirectory();
        await RunManifestFile.WriteAsync(dir.Path, ManifestSamples.Partial());

        await RunManifestFile.WriteAsync(dir.Path, ManifestSamples.Partial() with { Status = RunStatus.Complete, StatusReason = null });

        Assert.Equal(RunStatus.Complete, (await RunManifestFile.ReadAsync(dir.Path)).Status);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ThrowsNamingTheFile()
    {
        using var dir = new TempDirectory();

        var e = await Assert.ThrowsAsync<RunDirectoryFormatException>(() => RunManifestFile.ReadAsync(dir.Path));

        Assert.Equal(dir.File("run.json"), e.FilePath);
        Assert.StartsWith(dir.File("run.json") + ": file not found", e.Message);
    }

    [Fact]
    public async Task ReadAsync_TruncatedJson_ThrowsNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        await RunManifestFile.WriteAsync(dir.Path, ManifestSamples.Partial());
        var json = await File.ReadAllTextAsync(dir.File("run.json"));
        await File.WriteAllTextAsync(dir.File("run.json"), json[..(json.Length / 2)]);

        var e = await Assert.ThrowsAsync<RunDirectoryFormatException>(() => RunManifestFile.ReadAsync(dir.Path));

        Assert.Equal(dir.File("run.json"), e.FilePath);
        Assert.Matches("^not valid JSON at line [0-9]+", e.Problem);
    }

    [Fact]
    public async Task ReadAsync_CamelCaseManifestWrittenBefore_ReadsAsVersionOne()
    {
        // run.json as every run before the snake_case convention wrote it (schemaVersion 1), with study and harness.
        using var dir = new TempDirectory();
        File.Copy(Fixture("run-schema-1-camelcase.json"), dir.File("run.json"));
        var expected = ManifestSamples.Partial() with { SchemaVersion = 1, Study = StudySamples.Study(), Harness = StudySamples.Harness() };

        var read = await RunManifestFile.ReadAsync(dir.Path);

        Assert.Equal(Serialize(expected), Serialize(read));
        Assert.Equal(NetworkBackend.Tun, read.Study!.Backend);
        Assert.Equal(85, read.Harness!.Emulator!.LatenessP99Us);
    }

    [Fact]
    public async Task ReadAsync_MissingRequiredField_ThrowsNamingTheField()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("run.json"), """{ "schemaVersion": 1, "status": "complete" }""");

        var e = await Assert.ThrowsAsync<RunDirectoryFormatException>(() => RunManifestFile.ReadAsync(dir.Path));

        Assert.Contains("does not match schemaVersion 1", e.Problem);
        Assert.Contains("tool", e.Problem);
    }

    [Fact]
    public async Task ReadAsync_WrongEnumValue_ThrowsNamingThePath()
    {
        using var dir = new TempDirectory();
        await RunManifestFile.WriteAsync(dir.Path, ManifestSamples.Partial());
        var json = await File.ReadAllTextAsync(dir.File("run.json"));
        await File.WriteAllTextAsync(dir.File("run.json"), json.Replace("\"partial\"", "\"halfway\""));

        var e = await Assert.ThrowsAsync<RunDirectoryFormatException>(() => RunManifestFile.ReadAsync(dir.Path));

        Assert.Contains("$.status", e.Problem);
    }

    [Theory]
    [InlineData("""{ "schema_version": 3, "tool": "anything goes in a future version" }""", "unknown schema_version 3")]
    [InlineData("""{ "schemaVersion": 2, "tool": "camelCase was version 1 only" }""", "unknown schemaVersion 2")]
    [InlineData("""{ "tool": {} }""", "missing schema_version")]
    [InlineData("""{ "schema_version": "2" }""", "schema_version must be an integer")]
    [InlineData("""{ "schemaVersion": "1" }""", "schemaVersion must be an integer")]
    [InlineData("""[1, 2]""", "expected a JSON object")]
    public async Task ReadAsync_UnknownOrMissingSchemaVersion_ThrowsClearError(string json, string expected)
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("run.json"), json);

        var e = await Assert.ThrowsAsync<RunDirectoryFormatException>(() => RunManifestFile.ReadAsync(dir.Path));

        Assert.StartsWith(expected, e.Problem);
    }

    [Fact]
    public void From_Histogram_SummarizesQuantilesInMicroseconds()
    {
        var histogram = new LongHistogram(1, 3_600_000_000, 3);
        for (var v = 1; v <= 1000; v++)
        {
            histogram.RecordValue(v * 1000L);
        }

        var summary = LatencySummary.From(histogram);

        Assert.Equal(1000, summary.Count);
        Assert.Equal(histogram.LowestEquivalentValue(1000), summary.MinUs);
        Assert.Equal(histogram.GetValueAtPercentile(50), summary.P50Us);
        Assert.InRange(summary.P50Us, 500_000, 500_500);
        Assert.InRange(summary.P999Us, 999_000, 999_999);
        Assert.Equal(histogram.GetMaxValue(), summary.MaxUs);
        Assert.Equal(LatencySummary.Empty, LatencySummary.From(new LongHistogram(1, 3_600_000_000, 3)));
    }

    /// <summary>Writes <paramref name="manifest"/> to a fresh directory and reads it back, with the JSON written.</summary>
    private static async Task<(RunManifest Read, string Json)> RoundTripAsync(RunManifest manifest)
    {
        using var dir = new TempDirectory();
        await RunManifestFile.WriteAsync(dir.Path, manifest);
        return (await RunManifestFile.ReadAsync(dir.Path), await File.ReadAllTextAsync(dir.File("run.json")));
    }

    private static string Fixture(string name, [CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "Fixtures", name);

    private static string Serialize(RunManifest manifest) => JsonSerializer.Serialize(manifest, RunDirectoryJson.Options);
}
