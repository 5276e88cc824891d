using Latency.Bench.Application;
using Latency.Scenarios.Validation;
using Latency.TestSupport;
using Xunit;

namespace Latency.Tests.Application;

public sealed class RunPlannerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Suite(string scenarioName) => _temp.File("suite.yaml", $"""
        version: 1
        targets:
          api: http://127.0.0.1:9
        scenarios:
          - name: {scenarioName}
            target: api
            steps:
              - name: get
                path: /
            load:
              - inject: {'{'} rate: 10, interval: 1s, during: 2s {'}'}
        """);

    [Fact]
    public void Plan_ValidSuite_PlansItsScenariosOnceForTheEngine()
    {
        var plan = RunPlanner.Plan(new RunRequest { SuitePath = Suite("s"), Duration = "5s" }, () => Now);

        var (props, timeline) = Assert.Single(plan.Scenarios);
        Assert.Equal("s", props.Name);
        Assert.Equal(TimeSpan.FromSeconds(2), timeline.PlannedDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), plan.DurationLimit);
        Assert.Null(plan.Study);
        Assert.Equal(Path.Combine("runs", "20250301-120000-suite"), plan.OutDirectory);
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("not-a-database")]
    public void Plan_AHistoryTheRunCouldNotBeAddedTo_IsReportedBeforeTheRunWithTheOtherProblems(string kind)
    {
        var history = kind == "folder" ? _temp.Path : _temp.File("history.db", "this is no SQLite file, it is text of some length");
        var request = new RunRequest { SuitePath = Suite("s"), Duration = "soon", HistoryFile = history };

        var ex = Assert.Throws<InputValidationException>(() => RunPlanner.Plan(request, () => Now));

        var messages = ex.Errors.Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("--duration:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"--history: {history}", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_AHistoryFileNotThereYet_IsFine()
    {
        var plan = RunPlanner.Plan(new RunRequest { SuitePath = Suite("s"), HistoryFile = _temp.File("new/history.db") }, () => Now);
        Assert.Single(plan.Scenarios);
        Assert.False(File.Exists(_temp.File("new/history.db")));
    }

    [Fact]
    public void Plan_OptionAndSuiteProblems_AllReportedInOnePass()
    {
        // Bad options and a bad suite file at once, so the user fixes them in one go.
        var request = new RunRequest { SuitePath = Suite("bad,name"), Connections = 5, Duration = "soon" };

        var ex = Assert.Throws<InputValidationException>(() => RunPlanner.Plan(request, () => Now));

        var messages = ex.Errors.Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("--duration:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("--connections: applies to --url runs", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Location?.File.EndsWith("suite.yaml", StringComparison.Ordinal) == true
                                        && e.Message.StartsWith("scenario name 'bad,name'", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_OneLiner_DurationIsTheInjectPhaseNotALimit()
    {
        var plan = RunPlanner.Plan(new RunRequest { Url = "http://127.0.0.1:9/", Rate = 50, Duration = "3s" }, () => Now);

        Assert.Null(plan.DurationLimit);
        var (props, timeline) = Assert.Single(plan.Scenarios);
        Assert.Equal("url", props.Name);
        Assert.Equal(TimeSpan.FromSeconds(3), timeline.PlannedDuration);
    }

    [Fact]
    public void Plan_DistributedOptionsWithoutNats_EachNamed()
    {
        var error = Assert.Throws<InputValidationException>(() => RunPlanner.Plan(new RunRequest
        {
            SuitePath = Suite("s"), NatsCredentials = "x.creds", WaitAgents = "10s", ClockBound = "5ms",
        }, () => Now));

        Assert.Equal(["--creds: goes with --nats (a distributed run)", "--wait-agents: goes with --nats (a distributed run)",
            "--clock-bound: goes with --nats (a distributed run)"], error.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Plan_NatsWithTheOneLinerOrASuiteWithoutStudy_AndBadDurations_EveryProblemAtOnce()
    {
        var oneLiner = Assert.Throws<InputValidationException>(() => RunPlanner.Plan(new RunRequest
        {
            Url = "http://127.0.0.1:9/", Rate = 5, Nats = "nats://127.0.0.1:4222", WaitAgents = "soon", ClockBound = "0s",
        }, () => Now));
        var noStudy = Assert.Throws<InputValidationException>(() => RunPlanner.Plan(new RunRequest
        {
            SuitePath = Suite("s"), Nats = "http://x",
        }, () => Now));

        Assert.Contains(oneLiner.Errors, e => e.Message.StartsWith("--nats: runs a study on agents", StringComparison.Ordinal));
        Assert.Contains(oneLiner.Errors, e => e.Message.StartsWith("--wait-agents: ", StringComparison.Ordinal));
        Assert.Contains(oneLiner.Errors, e => e.Message.StartsWith("--clock-bound: ", StringComparison.Ordinal));
        Assert.Contains(noStudy.Errors, e => e.Message.StartsWith("--nats: 'http://x'", StringComparison.Ordinal));
        Assert.Contains(noStudy.Errors, e => e.Message == "--nats: runs a suite's study on agents; this suite has no 'study' section");
    }
}
