using System.Text.Json;
using System.Text.RegularExpressions;
using Latency.Reports.Study;
using Latency.RunDirectory;

namespace Latency.Tests.Reports;

/// <summary>One JSON naming convention for every file in a run directory: snake_case, whoever writes the file.</summary>
public sealed partial class RunDirectoryJsonTests
{
    [Fact]
    public async Task EveryJsonFileOfAStudyRunDirectory_NamesItsFieldsInSnakeCase()
    {
        using var run = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study(), harness: StudySamples.Harness());
        var calibration = JsonSerializer.Deserialize<CalibrationTable>(StudySamples.CalibrationJson, RunDirectoryJson.Options)!;
        await CalibrationFile.WriteAsync(run.Path, calibration);
        // The report goes into the run directory, as at the end of `latency run`.
        await StudyReportWriter.WriteAsync(run.Path, run.Path, CancellationToken.None);

        var files = Directory.GetFiles(run.Path, "*.json", SearchOption.AllDirectories).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["calibration.json", "run.json", "summary.json"], files);
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(run.File(file!)));
            var names = Names(document.RootElement).Distinct().ToList();
            Assert.NotEmpty(names);
            Assert.All(names, name => Assert.True(SnakeCase().IsMatch(name), $"{file}: '{name}' is not snake_case"));
        }
    }

    [Fact]
    public void SnakeCaseCheck_RejectsTheCamelCaseOfOlderRunJson()
    {
        using var document = JsonDocument.Parse("""{ "schemaVersion": 1, "environment": { "networkBackend": "tun" } }""");

        Assert.Equal(["schemaVersion", "networkBackend"], Names(document.RootElement).Where(n => !SnakeCase().IsMatch(n)));
    }

    // Every property name at any depth (dictionary keys included: error kinds and phases are snake_case too).
    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    [GeneratedRegex("^[a-z0-9]+(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
