using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;

namespace Latency.Tests.Workloads;

public sealed class WorkloadLoaderTests
{
    private const string File = "workload.yaml";

    private const string FullExample = """
        version: 1
        name: app-cold-start
        description: "config, feed, thumbnails"
        http: "1.1"
        connection: resumed
        steps:
          - request: { name: config, method: get, role: service, response_bytes: 2048, server_ms: 20 }
          - parallel:
              name: thumbnails
              requests:
                - { name: thumb-1, response_bytes: 30000, server_ms: 5 }
                - { name: thumb-2, response_bytes: 30000, server_ms: 5.25, role: cdn }
          - think: 2s
          - request: { name: backup, method: POST, request_bytes: 5000000, server_ms: 50, path: /upload?x=1 }
        """;

    [Fact]
    public void Parse_FullExample_BuildsExpectedRecords()
    {
        var workload = WorkloadLoader.Parse(FullExample, File);

        Assert.Equal("app-cold-start", workload.Name);
        Assert.Equal("config, feed, thumbnails", workload.Description);
        Assert.Equal("1.1", workload.HttpVersion);
        Assert.Equal(ConnectionMode.Resumed, workload.Connection);
        Assert.False(workload.Replay);
        Assert.Equal(4, workload.Steps.Count);

        var config = Assert.IsType<WorkloadRequest>(workload.Steps[0]);
        Assert.Equal(new WorkloadRequest("config", "GET", "service", null, 0, 2048, TimeSpan.FromMilliseconds(20)), config);
        Assert.Equal(new SourceLocation(File, 7), config.Location);

        var group = Assert.IsType<WorkloadParallel>(workload.Steps[1]);
        Assert.Equal("thumbnails", group.Name);
        Assert.Equal(new SourceLocation(File, 9), group.Location);
        Assert.Equal(["thumb-1", "thumb-2"], group.Requests.Select(r => r.Name));
        Assert.Equal(TimeSpan.FromTicks(52_500), group.Requests[1].ServerTime);
        Assert.Equal("cdn", group.Requests[1].Role);

        Assert.Equal(TimeSpan.FromSeconds(2), Assert.IsType<WorkloadThink>(workload.Steps[2]).Duration);

        var backup = Assert.IsType<WorkloadRequest>(workload.Steps[3]);
        Assert.Equal("POST", backup.Method);
        Assert.Equal(5_000_000, backup.RequestBytes);
        Assert.Equal("/upload?x=1", backup.Path);

        Assert.Equal(["config", "thumb-1", "thumb-2", "backup"], workload.Requests.Select(r => r.Name));
        Assert.Equal(new HashSet<string> { "service", "cdn" }, workload.Roles.ToHashSet());
    }

    [Fact]
    public void Parse_MinimalWorkload_UsesDefaults()
    {
        var workload = WorkloadLoader.Parse("version: 1\ndescription: d\nsteps:\n  - request: { name: a }\n", "dir/my-flow.yaml");

        Assert.Equal("my-flow", workload.Name);
        Assert.Equal("2", workload.HttpVersion);
        Assert.Equal(ConnectionMode.New, workload.Connection);
        Assert.Equal([new WorkloadRequest("a", "GET", "service", null, 0, 0, TimeSpan.Zero)], workload.Steps);
    }

    [Fact]
    public void Parse_ReplayWorkload_ReadsOffsets()
    {
        var workload = WorkloadLoader.Parse("""
            version: 1
            name: capture
            description: d
            replay: true
            steps:
              - request: { name: page, path: /index.html, response_bytes: 1234, at: 0s }
              - request: { name: style, path: /a.css, at: 0.125s }
            """, File);

        Assert.True(workload.Replay);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(125)], workload.Requests.Select(r => r.Offset!.Value));
    }

    [Fact]
    public void Parse_ManyMistakes_ReportsEveryOneWithItsLine()
    {
        var errors = Errors("""
            version: 1
            name: bad
            descripton: d
            http: "3"
            connection: cold
            steps:
              - request: { name: a, response_bytes: -1, server_ms: -5 }
              - request: { name: a, reqest_bytes: 5 }
              - think: 2
              - request: { name: b, method: FETCH, at: 1s }
              - wait: 1s
            """);

        Assert.Equal(
            [
                "workload.yaml:1: the workload is missing 'description' (say what it models)",
                "workload.yaml:3: unknown key 'descripton' (did you mean 'description'?)",
                "workload.yaml:4: 'http' must be \"1.1\" or \"2\" (got '3')",
                "workload.yaml:5: 'connection' must be new, resumed or warm (got 'cold')",
                "workload.yaml:7: 'response_bytes' must be >= 0 (got -1)",
                "workload.yaml:7: 'server_ms' must be >= 0 (got -5)",
                "workload.yaml:8: unknown key 'reqest_bytes' (did you mean 'request_bytes'?)",
                "workload.yaml:8: duplicate request name 'a' (first defined on line 7)",
                "workload.yaml:9: 'think': duration needs a unit, e.g. 30s",
                "workload.yaml:10: unknown method 'FETCH' (use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)",
                "workload.yaml:10: request 'b': 'at' is only for replay workloads (set 'replay: true' or remove 'at')",
                "workload.yaml:11: unknown key 'wait' (known: request, parallel, think)",
            ],
            errors);
    }

    [Fact]
    public void Parse_ReplayRequestWithoutAt_IsAnError()
    {
        var errors = Errors("""
            version: 1
            name: capture
            description: d
            replay: true
            steps:
              - request: { name: page, at: 0s }
              - parallel:
                  name: assets
                  requests:
                    - { name: a, at: 5ms }
                    - { name: b }
              - think: 1s
            """);

        Assert.Equal(
            [
                "workload.yaml:11: request 'b' has no 'at' (a replay workload issues every request at its offset from the session's start)",
                "workload.yaml:12: 'think' has no meaning in a replay workload (requests start at their 'at' offsets)",
            ],
            errors);
    }

    [Fact]
    public void Parse_DuplicateNameInsideParallelGroup_IsAnError()
    {
        var errors = Errors("""
            version: 1
            name: w
            description: d
            steps:
              - request: { name: feed }
              - parallel:
                  name: feed
                  requests: [ { name: x, at: } ]
            """);

        Assert.Equal(
            [
                "workload.yaml:7: duplicate parallel group name 'feed' (first defined on line 5)",
                "workload.yaml:8: request 'x': 'at' is only for replay workloads (set 'replay: true' or remove 'at')",
            ],
            errors);
    }

    [Theory]
    [InlineData("version: 1\nname: Bad_Name\ndescription: d\nsteps: [ { request: { name: a } } ]\n", "workload.yaml:2: workload name 'Bad_Name' may only contain lower-case letters, digits and '-'")]
    [InlineData("version: 1\ndescription: d\nsteps: []\n", "workload.yaml:3: 'steps' needs at least one step")]
    [InlineData("version: 1\ndescription: d\nsteps: [ { think: 1s } ]\n", "workload.yaml:3: a workload needs at least one request")]
    [InlineData("version: 1\ndescription: d\nsteps: [ { request: { name: a, path: x } } ]\n", "workload.yaml:3: 'path' must start with '/' (got 'x')")]
    [InlineData("version: 1\ndescription: d\nsteps: [ { request: { name: a }, think: 1s } ]\n", "workload.yaml:3: a step is one of request, parallel or think, each its own '- ' item (got 2 keys)")]
    [InlineData("version: 1\ndescription: d\nreplay: yes\nsteps: [ { request: { name: a } } ]\n", "workload.yaml:3: 'replay' must be true or false (got 'yes')")]
    [InlineData("version: 2\ndescription: d\nsteps: [ { request: { name: a } } ]\n", "workload.yaml:1: unsupported version '2' (this build reads version 1)")]
    [InlineData("version: 1\ndescription: d\nsteps: [ { request: { name: a, at: 1s } } ]\n", "workload.yaml:3: request 'a': 'at' is only for replay workloads (set 'replay: true' or remove 'at')")]
    [InlineData("version: 1\ndescription: d\nreplay: true\nsteps: [ { request: { name: a, at: soon } } ]\n", "workload.yaml:4: 'at': 'soon' is not a duration; expected a number with a unit, e.g. 30s, 250ms or 1.5m")]
    [InlineData("version: 1\ndescription: d\nsteps: [ { request: { name: a } }, { think: 99999999999999999999999999999s } ]\n", "workload.yaml:3: 'think': duration '99999999999999999999999999999s' is too long")]
    [InlineData("version: 1\ndescription: d\nreplay: true\nsteps: [ { request: { name: a, at: 123456789012345678901234567890123ms } } ]\n", "workload.yaml:4: 'at': duration '123456789012345678901234567890123ms' is too long")]
    [InlineData("version: 1\ndescription: d\nidle_before: -99999999999999999999999999999s\nsteps: [ { request: { name: a } } ]\n", "workload.yaml:3: 'idle_before': duration must not be negative (got '-99999999999999999999999999999s')")]
    public void Parse_OneMistake_ReportsIt(string yaml, string expected)
    {
        Assert.Equal([expected], Errors(yaml));
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var ex = Assert.Throws<InputValidationException>(() => WorkloadLoader.Load("/nonexistent/w.yaml"));
        Assert.Equal(["/nonexistent/w.yaml: workload file not found"], ex.Errors.Select(e => e.ToString()));
    }

    private static List<string> Errors(string yaml)
    {
        var ex = Assert.Throws<InputValidationException>(() => WorkloadLoader.Parse(yaml, File));
        return ex.Errors.Select(e => e.ToString()).ToList();
    }
}
