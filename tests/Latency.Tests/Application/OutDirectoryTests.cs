using Latency.Bench.Application;
using Latency.RunDirectory;
using Latency.Tests.History;
using Latency.Tests.Reports;
using Latency.TestSupport;
using Xunit;

namespace Latency.Tests.Application;

/// <summary>
/// Issue 16: reusing <c>--out</c> kept the earlier run's .hlog files, charts and calibration.json, which the report
/// then read as this run's. A non-empty --out is refused unless --force, which empties only a run directory.
/// </summary>
public sealed class OutDirectoryTests : IDisposable
{
    // Nothing listens on port 9 (discard): every request fails at once, a complete run in about a second.
    private const string ClosedPort = "http://127.0.0.1:9/";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_OutHoldsFilesOfAnEarlierRun_RefusedExit2NamingTheDirectoryAndForce()
    {
        var outDirectory = await EarlierRunAsync("run");

        var (code, output, error) = await HistoryCommandTests.Cli("run", "--url", ClosedPort, "--rate", "10", "--duration", "1s",
            "--out", outDirectory, "--no-progress");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"latency: --out: {outDirectory} is not empty: ", error, StringComparison.Ordinal);
        Assert.Contains("add --force to empty it first", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDirectory, "old.hlog")), "a refused run must leave the directory as it was");
    }

    [Fact]
    public async Task Run_OutIsASuiteProblemToo_BothReportedInOnePass()
    {
        var outDirectory = await EarlierRunAsync("run");

        var (code, _, error) = await HistoryCommandTests.Cli("run", "--url", "ftp://x", "--rate", "10", "--out", outDirectory);

        Assert.Equal(2, code);
        Assert.Contains("latency: --url: must be an absolute http:// or https:// URL", error, StringComparison.Ordinal);
        Assert.Contains($"latency: --out: {outDirectory} is not empty", error, StringComparison.Ordinal);
        Assert.Contains("latency: 2 problem(s); nothing was run.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ForceOnAnEarlierRun_EmptiesItAndTheNewRunHoldsOnlyItsOwnFiles()
    {
        var outDirectory = await EarlierRunAsync("run");

        var (code, _, error) = await HistoryCommandTests.Cli("run", "--url", ClosedPort, "--rate", "10", "--duration", "1s",
            "--out", outDirectory, "--no-progress", "--force");

        Assert.True(code is 0 or 1, error);
        Assert.Equal(["run.json", "url.hlog"], Directory.GetFileSystemEntries(outDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var run = await RunDirectoryReader.ReadAsync(outDirectory);
        Assert.Empty(run.Problems);
        Assert.Equal(["url"], run.Manifest!.Scenarios.Select(s => s.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"name\": \"another tool's run.json\" }")]
    public async Task Run_ForceOnAFolderThatIsNotARunDirectory_RefusedAndNothingDeleted(string runJson)
    {
        // As --out ~ --force would be: a user's folder is never emptied, whatever the flag.
        var home = Path.Combine(_temp.Path, "home");
        Directory.CreateDirectory(Path.Combine(home, "Documents"));
        await File.WriteAllTextAsync(Path.Combine(home, "Documents", "thesis.tex"), "keep me");
        await File.WriteAllTextAsync(Path.Combine(home, ".bashrc"), "keep me too");
        if (runJson.Length > 0)
        {
            await File.WriteAllTextAsync(Path.Combine(home, "run.json"), runJson);
        }

        var (code, _, error) = await HistoryCommandTests.Cli("run", "--url", ClosedPort, "--rate", "10", "--duration", "1s",
            "--out", home, "--force");

        Assert.Equal(2, code);
        Assert.StartsWith($"latency: --out: {home} is not empty and --force empties only a run directory: ", error, StringComparison.Ordinal);
        Assert.Contains(runJson.Length == 0 ? "it has no run.json, so it is not one" : "is not a Latency run manifest", error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(Path.Combine(home, "Documents", "thesis.tex")));
        Assert.True(File.Exists(Path.Combine(home, ".bashrc")));
    }

    [Fact]
    public async Task Run_OutIsAFile_Refused()
    {
        var file = _temp.File("notes.txt", "text");

        var (code, _, error) = await HistoryCommandTests.Cli("run", "--url", ClosedPort, "--rate", "10", "--out", file, "--force");

        Assert.Equal(2, code);
        Assert.Contains($"latency: --out: {file} is a file, not a directory", error, StringComparison.Ordinal);
        Assert.Equal("text", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Run_OutExistsButEmpty_RunsWithoutForce()
    {
        var outDirectory = Path.Combine(_temp.Path, "empty");
        Directory.CreateDirectory(outDirectory);

        var outcome = await new RunService(new RecordingRunObserver()).RunAsync(
            new RunRequest { Url = ClosedPort, Rate = 10, Duration = "1s", OutDirectory = outDirectory, NoProgress = true }, CancellationToken.None);

        Assert.Empty(outcome.Problems);
        Assert.Equal(RunStatus.Complete, outcome.Status);
    }

    [Fact]
    public async Task Nightly_OutNotEmpty_RefusedOnceWithoutOfferingForce()
    {
        var night = Path.Combine(_temp.Path, "night");
        Directory.CreateDirectory(Path.Combine(night, NightlyRequest.RunFolder));
        await File.WriteAllTextAsync(Path.Combine(night, NightlyRequest.RunFolder, "old.hlog"), "");

        var problems = NightlyService.Validate(new NightlyRequest
        {
            SuitePath = _temp.File("suite.yaml", "version: 1\nscenarios: []\n"),
            OutDirectory = night,
            HistoryFile = _temp.File("history.db"),
            Tolerance = 0.05,
        });

        var outProblem = Assert.Single(problems, p => p.Message.StartsWith("--out:", StringComparison.Ordinal));
        Assert.Equal($"--out: {night} is not empty: what is left there (interval logs, charts, calibration.json) would be read with this run " +
                     "and shown as its own; give a new or empty directory", outProblem.Message);
    }

    /// <summary>A run directory as an earlier run left it, with a stray log, a chart and a calibration beside it.</summary>
    private async Task<string> EarlierRunAsync(string name)
    {
        var directory = Path.Combine(_temp.Path, name);
        await RunManifestFile.WriteAsync(directory, ManifestSamples.Partial());
        await File.WriteAllTextAsync(Path.Combine(directory, "old.hlog"), "");
        await File.WriteAllTextAsync(Path.Combine(directory, "calibration.json"), StudySamples.CalibrationJson);
        Directory.CreateDirectory(Path.Combine(directory, "charts"));
        await File.WriteAllTextAsync(Path.Combine(directory, "charts", "gain.svg"), "<svg/>");
        return directory;
    }
}
