using Latency.IntegrationTests.Support;

namespace Latency.IntegrationTests.Cli;

/// <summary>Bad input: one message per problem with file and line, exit code 2, never a stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private const string Valid = """
        version: 1
        targets:
          api: http://127.0.0.1:9
        scenarios:
          - name: s
            target: api
            steps:
              - name: get
                path: /
            load:
              - inject: { rate: 10, interval: 1s, during: 2s }
        """;

    public static TheoryData<string, string, int, string> Cases => new()
    {
        { "malformed", "version: 1\ntargets:\n  api: [http://x\nscenarios: {}\n", 0, "malformed YAML" },
        { "unknown-simulation", Valid.Replace("- inject: { rate: 10, interval: 1s, during: 2s }", "- inject_ramp: { rate: 10, during: 2s }"), 11, "unknown load simulation 'inject_ramp'" },
        { "negative-rate", Valid.Replace("rate: 10", "rate: -5"), 11, "rate must be > 0" },
        { "interval-longer", Valid.Replace("interval: 1s, during: 2s", "interval: 5s, during: 2s"), 11, "interval (5 s) must not be longer than during (2 s)" },
        { "missing-target", Valid.Replace("target: api", "target: web"), 6, "target 'web' is not defined" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_BadSuite_OneLocatedMessageExitCode2NoStackTrace(string name, string yaml, int line, string message)
    {
        var path = _temp.File(name + ".yaml", yaml);

        var outcome = await CliRun.InProcessAsync("run", path, "--out", Path.Combine(_temp.Path, "out-" + name));

        Assert.Equal(2, outcome.ExitCode);
        var located = outcome.Error.Split('\n').Where(l => l.StartsWith(path + ":", StringComparison.Ordinal)).ToList();
        var problem = Assert.Single(located);
        Assert.Contains(message, problem, StringComparison.Ordinal);
        if (line > 0)
        {
            Assert.StartsWith($"{path}:{line}:", problem, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "out-" + name)), "nothing should run, so no run directory");
    }

    [Fact]
    public async Task Run_StudyWithNoProbesAndUnmappedRole_LocatedMessagesExitCode2()
    {
        var workload = _temp.File("with-cdn.yaml", """
            version: 1
            name: with-cdn
            description: "a session that also talks to a CDN"
            steps:
              - request: { name: page, response_bytes: 1000 }
              - request: { name: image, role: cdn, response_bytes: 5000 }
            """);
        var suite = _temp.File("study.yaml", $$"""
            version: 1
            name: broken-study
            study:
              world: builtin
              duration: 1m
              compare: []
              workloads:
                - { file: {{Path.GetFileName(workload)}}, sessions_per_minute: 6 }
            """);

        var outcome = await CliRun.InProcessAsync("run", suite);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"{suite}:", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("a study needs at least one probe", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("role 'cdn' is not mapped to a deployment", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SuiteWithScenariosAndStudy_RejectedAtTheSecondKeyNothingRun()
    {
        _temp.File("ping.yaml", """
            version: 1
            name: ping
            description: "one request"
            steps:
              - request: { name: ping, response_bytes: 100 }
            """);
        // Valid scenarios (line 4) and a valid study (line 12, real endpoints so nothing is brought up): the run used to
        // take the study and drop the scenarios.
        var path = _temp.File("both.yaml", Valid + """

            study:
              world: none
              duration: 2s
              compare:
                - { probe: lab, deployments: [origin, near] }
              workloads:
                - { file: ping.yaml, sessions_per_minute: 60 }
              endpoints: { origin: http://127.0.0.1:9, near: http://127.0.0.1:9 }
            """);
        var outDir = Path.Combine(_temp.Path, "out-both");

        var outcome = await CliRun.InProcessAsync("run", path, "--out", outDir, "--no-progress");

        Assert.Equal(2, outcome.ExitCode);
        var problem = Assert.Single(outcome.Error.Split('\n'), l => l.StartsWith(path + ":", StringComparison.Ordinal));
        Assert.Equal($"{path}:12: a suite has either 'scenarios' or a 'study', not both: run them as two suites", problem.TrimEnd('\r'));
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "nothing should run, so no run directory");
    }

    [Fact]
    public async Task Run_SeveralProblems_AllReportedInOnePass()
    {
        var yaml = Valid.Replace("rate: 10", "rate: -5").Replace("target: api", "target: web");
        var path = _temp.File("several.yaml", yaml);

        var outcome = await CliRun.InProcessAsync("run", path);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"{path}:6:", outcome.Error, StringComparison.Ordinal);
        Assert.Contains($"{path}:11:", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingSuiteFile_NamesTheFileExitCode2()
    {
        var path = Path.Combine(_temp.Path, "nope.yaml");

        var outcome = await CliRun.InProcessAsync("run", path);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(path, outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rate", "-5", "--rate: must be > 0")]
    [InlineData("--http", "3", "--http: must be 1.1 or 2")]
    [InlineData("--duration", "10", "--duration:")]
    public async Task Run_BadOneLinerOption_NamedInMessageExitCode2(string option, string value, string expected)
    {
        var args = new List<string> { "run", "--url", "http://127.0.0.1:9/", "--rate", "10" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var outcome = await CliRun.InProcessAsync([.. args]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownOption_ExitCode2()
    {
        var outcome = await CliRun.InProcessAsync("run", "--rat", "5");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--rat", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ExplainsRunAndExitCodes()
    {
        var outcome = await CliRun.InProcessAsync("run", "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("--url", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("corrected", outcome.Output, StringComparison.Ordinal);
    }
}
