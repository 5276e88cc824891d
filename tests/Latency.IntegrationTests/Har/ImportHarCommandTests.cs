using Latency.IntegrationTests.Support;

namespace Latency.IntegrationTests.Har;

/// <summary><c>latency import-har</c>: writes the workload and a summary; bad HAR files exit 2 with file and line.</summary>
public sealed class ImportHarCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ImportHar_Fixture_WritesYamlNextToTheHarAndSummarises()
    {
        var har = Path.Combine(_temp.Path, "capture.har");
        File.Copy(HarReplayTests.FixturePath(), har);

        var run = await CliRun.InProcessAsync("import-har", har, "--name", "browser-fetches");

        Assert.Equal(0, run.ExitCode);
        var yaml = await File.ReadAllTextAsync(Path.Combine(_temp.Path, "capture.yaml"));
        Assert.Contains("name: browser-fetches\n", yaml, StringComparison.Ordinal);
        Assert.Contains("replay: true\n", yaml, StringComparison.Ordinal);
        Assert.Contains("6 requests over 1.2 s", run.Output, StringComparison.Ordinal);
        Assert.Contains("service    http://127.0.0.1:5123 (6 requests)", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task ImportHar_OutOption_WritesThere()
    {
        var target = Path.Combine(_temp.Path, "w.yaml");

        var run = await CliRun.InProcessAsync("import-har", HarReplayTests.FixturePath(), "--out", target);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("# Imported by `latency import-har`", await File.ReadAllTextAsync(target), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHar_MissingFields_ExitCode2WithFileAndLineNoStackTrace()
    {
        var har = _temp.File("bad.har", "{\n  \"log\": {\n    \"entries\": [\n      { \"request\": { \"method\": \"GET\" } }\n    ]\n  }\n}\n");

        var run = await CliRun.InProcessAsync("import-har", har);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{har}:4:7: entries[0] has no startedDateTime", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{har}:4:20: entries[0].request has no url", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.ChangeExtension(har, ".yaml")));
    }
}
