using Latency.Bench.Application;
using Latency.RunDirectory;
using Latency.TestSupport;
using Xunit;

namespace Latency.Tests.Application;

public sealed class RunServiceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_BadOptions_EveryProblemReturnedNothingRunOrWritten()
    {
        var observer = new RecordingRunObserver();
        var outDirectory = Path.Combine(_temp.Path, "out");

        var outcome = await new RunService(observer).RunAsync(
            new RunRequest { Url = "ftp://x", Rate = -5, Http = "3", OutDirectory = outDirectory }, CancellationToken.None);

        Assert.Equal(["--url", "--rate", "--http"], outcome.Problems.Select(p => p.Message.Split(':')[0]));
        Assert.Null(outcome.RunDirectory);
        Assert.Null(outcome.Status);
        Assert.Empty(observer.Events);
        Assert.False(Directory.Exists(outDirectory));
    }

    [Fact]
    public async Task RunAsync_OneLinerToAClosedPort_RunsCompletesAndReportsFactsNotExitCodes()
    {
        // Nothing listens on port 9 (discard) here: every request fails fast, which is a complete run with errors.
        var observer = new RecordingRunObserver();
        var outDirectory = Path.Combine(_temp.Path, "out");

        var outcome = await new RunService(observer).RunAsync(
            new RunRequest { Url = "http://127.0.0.1:9/", Rate = 20, Duration = "1s", OutDirectory = outDirectory, NoProgress = true },
            CancellationToken.None);

        Assert.Empty(outcome.Problems);
        Assert.Equal(outDirectory, outcome.RunDirectory);
        Assert.Equal(RunStatus.Complete, outcome.Status);
        Assert.Null(outcome.Report);
        Assert.Equal([$"line: Run directory: {outDirectory}", "watching", "run measured"], observer.Events);
        var measured = Assert.Single(observer.Measured);
        Assert.Equal("url", Assert.Single(measured.Manifest.Scenarios).Name);
        Assert.True(File.Exists(Path.Combine(outDirectory, RunManifest.FileName)));
    }
}
