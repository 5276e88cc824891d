using Latency.Bench.Application;
using Latency.Bench.Cli;
using Latency.History;
using Latency.RunDirectory;
using Latency.Tests.Reports;

namespace Latency.Tests.History;

public sealed class HistoryCommandTests
{
    [Fact]
    public async Task Add_ARunDirectory_StoresItsScenarioAndStepRows()
    {
        using var temp = new TempDirectory();
        var runDirectory = await WriteRun(temp, "run-1", ManifestSamples.Partial());
        var history = temp.File("history.db");

        var (code, output, error) = await Cli("history", "add", runDirectory, "--label", "nightly", "--history", history);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        Assert.Contains("added run 1 (handset, probe-1", output, StringComparison.Ordinal);
        using var store = HistoryStore.Open(history);
        var entry = Assert.Single(store.Read(new HistoryQuery()));
        Assert.Equal("nightly", entry.Run.Label);
        Assert.Equal(RunStatus.Partial, entry.Run.Status);
        Assert.Equal(["App start (cold)", "App start (cold)/config"], entry.Rows.Select(r => r.Key));
        Assert.Equal(8, entry.Rows[0].Errors);
        Assert.Equal(5, entry.Rows[0].P99);
    }

    [Fact]
    public async Task Add_TheSameRunTwice_SaysSoAndAddsNothing()
    {
        using var temp = new TempDirectory();
        var runDirectory = await WriteRun(temp, "run-1", ManifestSamples.Partial());
        var history = temp.File("history.db");
        await Cli("history", "add", runDirectory, "--history", history);

        var (code, output, _) = await Cli("history", "add", runDirectory, "--history", history);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("run 1 is this run already", output, StringComparison.Ordinal);
        using var store = HistoryStore.Open(history);
        Assert.Single(store.Read(new HistoryQuery()));
    }

    [Fact]
    public async Task Add_ANonRunDirectory_IsBadInputWithoutAStackTrace()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = await Cli("history", "add", temp.Path, "--history", temp.File("history.db"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("run.json", error, StringComparison.Ordinal);
        Assert.Contains("nothing was added", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_WithoutAHistoryOrWithABadLast_IsBadInput()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = await Cli("history", "show", "--last", "0", "--history", temp.File("none.db"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--last: must be at least 1", error, StringComparison.Ordinal);
        Assert.Contains("no history file", error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("none.db")));
    }

    [Fact]
    public async Task Show_PrintsEachRowsTrendOfTheLastRuns()
    {
        using var temp = new TempDirectory();
        var history = temp.File("history.db");
        for (var day = 0; day < 3; day++)
        {
            var manifest = ManifestSamples.Partial() with { StartedUtc = HistogramSamples.RunStart.AddDays(day) };
            await Cli("history", "add", await WriteRun(temp, $"run-{day}", manifest), "--label", $"day-{day}", "--history", history);
        }

        var (code, output, _) = await Cli("history", "show", "--row", "/config", "--last", "2", "--history", history);

        Assert.Equal(ExitCodes.Ok, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("App start (cold)/config", lines[0]);
        Assert.Contains("p50 ms", lines[1], StringComparison.Ordinal);
        Assert.Equal(["day-1", "day-2"], lines.Skip(2).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[2]));
    }

    [Fact]
    public void Rows_OfAStudy_AreProbeDeploymentAndWorkload()
    {
        var step = ManifestSamples.Partial().Scenarios[0].Steps[0];
        var manifest = ManifestSamples.Partial() with
        {
            Study = new StudyInfo { Comparisons = [new StudyComparison { Probe = "mumbai" }, new StudyComparison { Probe = "mumbai.east" }] },
            Scenarios =
            [
                ManifestSamples.Partial().Scenarios[0] with { Name = "mumbai.east.app-cold-start", Steps = [step with { Name = "beijing" }, step with { Name = "mumbai" }] },
            ],
        };

        var rows = HistoryRows.From(manifest);

        Assert.Equal(["mumbai.east/beijing/app-cold-start", "mumbai.east/mumbai/app-cold-start"], rows.Select(r => r.Key));
    }

    [Fact]
    public void Commit_OutsideACheckout_IsNullAndInsideThisRepositoryIsAHash()
    {
        using var temp = new TempDirectory();

        Assert.Null(GitCommit.Of(temp.Path));
        if (Directory.Exists(Path.Combine(RepositoryPaths.Root(), ".git")) || File.Exists(Path.Combine(RepositoryPaths.Root(), ".git")))
        {
            Assert.Matches("^[0-9a-f]{40}$", GitCommit.Of(RepositoryPaths.Root()));
        }
    }

    [Fact]
    public async Task RunWithHistory_AddsTheRunWhenItEndsAndKeepsItsExitCode()
    {
        using var temp = new TempDirectory();
        var runDirectory = await WriteRun(temp, "run-1", ManifestSamples.Partial());
        var history = temp.File("history.db");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await RunCommand.AddToHistoryAsync(new RunOutcome { RunDirectory = runDirectory }, history, ExitCodes.RunFailed, output, error);
        var withoutHistory = await RunCommand.AddToHistoryAsync(new RunOutcome { RunDirectory = runDirectory }, null, ExitCodes.Ok, output, error);

        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.Equal(ExitCodes.Ok, withoutHistory);
        Assert.Contains("added run 1 (handset", output.ToString(), StringComparison.Ordinal);
        using var store = HistoryStore.Open(history);
        Assert.Single(store.Read(new HistoryQuery()));
    }

    private static async Task<string> WriteRun(TempDirectory temp, string name, RunManifest manifest)
    {
        var directory = temp.File(name);
        await RunManifestFile.WriteAsync(directory, manifest);
        return directory;
    }

    internal static async Task<(int Code, string Output, string Error)> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await LatencyCli.InvokeAsync(args, output, error);
        return (code, output.ToString().Replace("\r", "", StringComparison.Ordinal), error.ToString());
    }
}
