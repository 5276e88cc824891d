using Latency.Scenarios.Studies;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;
using Latency.Scenarios.Worlds;
using Latency.Tests.Reports;
using Latency.Tests.Worlds;

namespace Latency.Tests.Scenarios;

/// <summary>The <c>study:</c> section of suites: read from files on disk, since it names workload files.</summary>
public sealed class StudyLoaderTests : IDisposable
{
    private const string ColdStart = """
        version: 1
        name: cold
        description: d
        steps:
          - request: { name: config, response_bytes: 10 }
          - request: { name: login, role: auth }
        """;

    private const string Ping = """
        version: 1
        name: ping
        description: d
        http: "1.1"
        steps:
          - request: { name: ping }
        """;

    private readonly TempDirectory directory = new();

    public StudyLoaderTests()
    {
        Directory.CreateDirectory(directory.File("workloads"));
        File.WriteAllText(directory.File("workloads/cold.yaml"), ColdStart);
        File.WriteAllText(directory.File("workloads/ping.yaml"), Ping);
    }

    private string SuitePath => directory.File("suite.yaml");

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Load_FullStudy_BuildsExpectedRecords()
    {
        var suite = Load("""
            version: 1
            name: s
            study:
              world: builtin
              profile: congested
              duration: 90s
              seed: 7
              compare:
                - { probe: mumbai, deployments: [beijing, mumbai, singapore] }
              roles: { auth: beijing }
              workloads:
                - { file: workloads/cold.yaml, sessions_per_minute: 6 }
                - { file: ./workloads/ping.yaml, sessions_per_minute: 0.5 }
              thresholds: ["p95 < 2s", "cold: errors < 1%"]
            """);

        Assert.Empty(suite.Scenarios);
        Assert.Empty(suite.Targets);
        var study = Assert.IsType<StudyDefinition>(suite.Study);
        Assert.Equal(StudyWorldSource.Builtin, study.WorldSource);
        Assert.Null(study.WorldPath);
        Assert.Equal("congested", study.Profile);
        Assert.Equal(TimeSpan.FromSeconds(90), study.Duration);
        Assert.Equal(7, study.Seed);
        Assert.Equal([new CompareEntry("mumbai", ["beijing", "mumbai", "singapore"], new SourceLocation(SuitePath, 9))], study.Compare);
        Assert.Equal("beijing", study.Compare[0].Origin);
        Assert.Equal(["mumbai"], study.Probes);
        Assert.Equal(["beijing", "mumbai", "singapore"], study.Deployments);
        Assert.Equal([new StudyRole("auth", "beijing", new SourceLocation(SuitePath, 10))], study.Roles);
        Assert.Equal("beijing", study.DeploymentFor("auth", "mumbai"));
        Assert.Equal("mumbai", study.DeploymentFor(WorkloadRequest.ServiceRole, "mumbai"));
        Assert.Equal(["cold", "ping"], study.Workloads.Select(w => w.Workload.Name));
        Assert.Equal([directory.File("workloads/cold.yaml"), directory.File("workloads/ping.yaml")], study.Workloads.Select(w => w.File));
        Assert.Equal([6, 0.5], study.Workloads.Select(w => w.SessionsPerMinute));
        Assert.Equal(["p95 < 2s", "cold: errors < 1%"], study.Thresholds.Select(t => t.Text));
        Assert.Equal("cold", study.Thresholds[1].Step);
        Assert.Empty(study.Endpoints);
    }

    [Fact]
    public void Load_RealEndpoints_ReadsUrlsAndDefaults()
    {
        var study = Load("""
            version: 1
            study:
              world: none
              duration: 1m
              compare:
                - { probe: office-in-mumbai, deployments: [beijing, mumbai] }
              workloads:
                - { file: workloads/ping.yaml, sessions_per_minute: 1 }
              endpoints:
                beijing: https://cn.example.com
                mumbai: https://in.example.com/api/
            """).Study!;

        Assert.Equal(StudyWorldSource.None, study.WorldSource);
        Assert.Null(study.Profile);
        Assert.Equal(StudyDefinition.DefaultSeed, study.Seed);
        Assert.Equal(new Uri("https://in.example.com/api/"), study.Endpoints["mumbai"]);
    }

    [Theory]
    [InlineData(null, 0.01)]
    [InlineData("max_error_rate: 5%", 0.05)]
    [InlineData("max_error_rate: 0.5%", 0.005)]
    [InlineData("max_error_rate: 0.02", 0.02)]
    [InlineData("max_error_rate: 0%", 0.0)]
    public void Load_MaxErrorRate_PercentageOrFractionDefaultOnePercent(string? line, double expected)
    {
        var study = Load(Study(line ?? "seed: 1")).Study!;

        Assert.Equal(expected, study.MaxErrorRate, 12);
    }

    [Theory]
    [InlineData(null, 0.05)]
    [InlineData("practical_difference: 10%", 0.10)]
    [InlineData("practical_difference: 0", 0.0)]
    public void Load_PracticalDifference_PercentageOrFractionDefaultFivePercent(string? line, double expected)
    {
        var study = Load(Study(line ?? "seed: 1")).Study!;

        Assert.Equal(expected, study.PracticalDifference, 12);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("radio: on", true)]
    [InlineData("radio: off", false)]
    public void Load_Radio_OnOrOffDefaultOn(string? line, bool expected)
    {
        Assert.Equal(expected, Load(Study(line ?? "seed: 1")).Study!.Radio);
    }

    [Fact]
    public void Load_RadioNeitherOnNorOff_SaysWhereAndWhat()
    {
        Assert.Equal([$"{SuitePath}:5: 'radio' must be on or off (got 'yes')"], Errors(Study("radio: yes")));
    }

    [Fact]
    public void Load_PrecisionAndMaxRate_ReadIntoTheStudyAndItsWorkload()
    {
        var study = Load(Study("precision: 15%", workload: "workloads/ping.yaml")
            .Replace("sessions_per_minute: 1 }", "sessions_per_minute: 2, max_sessions_per_minute: 30 }", StringComparison.Ordinal)).Study!;

        Assert.Equal(0.15, study.Precision!.Value, 12);
        Assert.Equal(30, Assert.Single(study.Workloads).MaxSessionsPerMinute);
        Assert.Null(Load(Study("seed: 1")).Study!.Precision);
    }

    [Fact]
    public void Load_MaxRateBelowTheRate_SaysSo()
    {
        var errors = Errors(Study("seed: 1", workload: "workloads/ping.yaml")
            .Replace("sessions_per_minute: 1 }", "sessions_per_minute: 2, max_sessions_per_minute: 1 }", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.EndsWith("'max_sessions_per_minute' must be at least 'sessions_per_minute' (2; got 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WorldFile_ResolvesAgainstTheSuiteFolder()
    {
        File.WriteAllText(directory.File("world.yaml"), WorldSamples.Valid);

        var study = Load(Study("world: world.yaml")).Study!;

        Assert.Equal(StudyWorldSource.File, study.WorldSource);
        Assert.Equal(directory.File("world.yaml"), study.WorldPath);
    }

    [Fact]
    public void Load_StudyWithoutCompare_SaysItNeedsAProbe()
    {
        var errors = Errors("""
            version: 1
            study:
              duration: 1m
              workloads:
                - { file: workloads/ping.yaml, sessions_per_minute: 1 }
            """);

        Assert.Equal([$"{SuitePath}:3: a study needs at least one probe to compare from (add 'compare: [ {{ probe: ..., deployments: [origin, candidate] }} ]')"], errors);
    }

    [Fact]
    public void Load_EmptyCompare_SaysItNeedsAProbe()
    {
        Assert.Equal([$"{SuitePath}:6: a study needs at least one probe to compare from"], Errors(Study("compare: []", compare: null)));
    }

    [Fact]
    public void Load_ManyMistakes_ReportsEveryOneWithItsLine()
    {
        var errors = Errors("""
            version: 1
            study:
              world: builtin
              duraton: 4m
              seed: x
              compare:
                - { probe: mumbai, deployments: [beijing] }
                - { probe: mumbai, deployments: [beijing, beijing] }
              roles: { service: beijing }
              workloads:
                - { file: workloads/cold.yaml, sessions_per_minute: 0 }
                - { file: workloads/nothing.yaml, sessions_per_minute: 1 }
              endpoints: { beijing: https://cn.example.com }
              thresholds: ["nope: p99 < 1s", "p99 <"]
            """);

        Assert.Equal(
            [
                $"{SuitePath}:3: the study is missing 'duration' (how long sessions arrive at each probe, e.g. 4m)",
                $"{SuitePath}:4: unknown key 'duraton' (did you mean 'duration'?)",
                $"{SuitePath}:5: 'seed' must be a whole number (got 'x')",
                $"{SuitePath}:7: probe 'mumbai' compares 1 deployment(s); a comparison needs at least 2 (the origin first, then the in-region candidates)",
                $"{SuitePath}:8: probe 'mumbai' is compared twice (first on line 7)",
                $"{SuitePath}:8: probe 'mumbai': deployment 'beijing' is listed twice",
                $"{SuitePath}:9: role 'service' is always the deployment under test and cannot be mapped",
                $"{SuitePath}:11: 'sessions_per_minute' must be > 0 (got 0)",
                $"{SuitePath}:11: workload cold: role 'auth' is not mapped to a deployment (roles: none)",
                $"{SuitePath}:12: workload file 'workloads/nothing.yaml' not found ({directory.File("workloads/nothing.yaml")})",
                $"{SuitePath}:13: 'endpoints' is only for world: none (an emulated world serves its own deployments)",
                $"{SuitePath}:14: threshold 'p99 <': " + ThresholdError("p99 <"),
            ],
            errors);
    }

    [Fact]
    public void Load_UnmappedRole_NamesTheWorkloadAndTheMappedRoles()
    {
        var errors = Errors(Study("roles: { cdn: beijing, push: beijing }", workload: "workloads/cold.yaml"));

        Assert.Equal([$"{SuitePath}:9: workload cold: role 'auth' is not mapped to a deployment (roles: cdn, push)"], errors);
    }

    [Fact]
    public void Load_InvalidWorkloadFile_ReportsItsOwnErrorsWithItsFileAndLine()
    {
        var bad = directory.File("workloads/bad.yaml");
        File.WriteAllText(bad, "version: 1\nname: bad\ndescription: d\nsteps:\n  - request: { name: a, response_bytes: -3 }\n  - think: 5\n");

        var errors = Errors(Study("seed: nope", workload: "workloads/bad.yaml"));

        // The suite's own error first (line 5), then the workload's, listed at the suite line naming the file (9).
        Assert.Equal(
            [
                $"{SuitePath}:5: 'seed' must be a whole number (got 'nope')",
                $"{bad}:5: 'response_bytes' must be >= 0 (got -3)",
                $"{bad}:6: 'think': duration needs a unit, e.g. 30s",
            ],
            errors);
    }

    [Fact]
    public void Load_NoWorldWithoutEveryEndpoint_NamesTheMissingDeploymentAndBadUrls()
    {
        var errors = Errors("""
            version: 1
            study:
              world: none
              profile: typical
              duration: 1m
              compare:
                - { probe: lab, deployments: [beijing, mumbai, tokyo] }
              workloads:
                - { file: workloads/ping.yaml, sessions_per_minute: 1 }
              endpoints:
                beijing: ftp://cn.example.com
                tokyo: https://jp.example.com/?x=1
            """);

        Assert.Equal(
            [
                $"{SuitePath}:4: 'profile' is only for emulated worlds (world: none has no network to shape)",
                $"{SuitePath}:7: deployment 'mumbai' has no endpoint (with world: none, 'endpoints' needs a base URL for every deployment)",
                $"{SuitePath}:11: endpoint 'beijing' must be an absolute http or https URL (got 'ftp://cn.example.com')",
                $"{SuitePath}:12: endpoint 'tokyo' must not have a query or fragment (got 'https://jp.example.com/?x=1')",
            ],
            errors);
    }

    [Theory]
    [InlineData("world: nowhere.yaml", "3: world file 'nowhere.yaml' not found")]
    [InlineData("duration: 0s", "4: 'duration' must be > 0 and at most 24h")]
    [InlineData("duration: 25h", "4: 'duration' must be > 0 and at most 24h")]
    [InlineData("max_error_rate: 101%", "5: 'max_error_rate' must be a percentage from 0% to 100% (e.g. 1%) or a fraction from 0 to 1 (got '101%')")]
    [InlineData("max_error_rate: 5", "5: 'max_error_rate' must be a percentage")]
    [InlineData("max_error_rate: lots", "5: 'max_error_rate' must be a percentage")]
    [InlineData("precision: 0%", "5: 'precision' must be above 0%")]
    [InlineData("precision: 150%", "5: 'precision' must be a percentage")]
    public void Load_OneMistake_ReportsIt(string line, string expectedStart)
    {
        var errors = Errors(Study(line));

        Assert.Single(errors);
        Assert.StartsWith($"{SuitePath}:{expectedStart}", errors[0]);
    }

    [Fact]
    public void Load_SuiteWithNeitherScenariosNorStudy_SaysWhatIsMissing()
    {
        Assert.Contains($"{SuitePath}:1: the suite is missing 'scenarios' (or a 'study')", Errors("version: 1\nname: x\n"));
    }

    [Fact]
    public void Load_StudyThenScenarios_RejectedAtTheScenariosKey()
    {
        // A valid study (lines 2-10) followed by valid scenarios (line 12): the run used to drop the scenarios silently.
        var errors = Errors(Study("seed: 1") + Scenarios);

        Assert.Equal([$"{SuitePath}:12: a suite has either 'scenarios' or a 'study', not both: run them as two suites"], errors);
    }

    [Fact]
    public void Load_ScenariosThenStudy_RejectedAtTheStudyKeyWithTheStudysOwnErrors()
    {
        var study = Study("seed: x").Replace("version: 1\n", "", StringComparison.Ordinal);

        var errors = Errors("version: 1\n" + Scenarios + study);

        // Line 5 is "study:", line 8 its bad seed: both sections are still read, so every mistake comes out at once.
        Assert.Equal(
            [
                $"{SuitePath}:5: a suite has either 'scenarios' or a 'study', not both: run them as two suites",
                $"{SuitePath}:8: 'seed' must be a whole number (got 'x')",
            ],
            errors);
    }

    [Fact]
    public void Validate_AgainstWorld_ReportsUnknownNamesAndMissingPaths()
    {
        var world = WorldLoader.Parse(WorldSamples.Valid, WorldSamples.File);
        var study = Load("""
            version: 1
            study:
              profile: rush-hour
              duration: 1m
              compare:
                - { probe: mumbai, deployments: [beijing, mumbia] }
                - { probe: delhi, deployments: [beijing, mumbai] }
                - { probe: mumbai2, deployments: [mumbai, beijing] }
              roles: { auth: tokyo }
              workloads:
                - { file: workloads/ping.yaml, sessions_per_minute: 1 }
            """).Study!;

        var errors = study.Validate(world).Select(e => e.ToString()).ToList();

        Assert.Equal(
            [
                $"{SuitePath}:3: world 'test' has no profile 'rush-hour' (profiles: typical, congested)",
                $"{SuitePath}:6: deployment 'mumbia' is not in world 'test' (deployments: beijing, mumbai); did you mean 'mumbai'?",
                $"{SuitePath}:7: probe 'delhi' is not in world 'test' (probes: mumbai)",
                $"{SuitePath}:8: probe 'mumbai2' is not in world 'test' (probes: mumbai); did you mean 'mumbai'?",
                $"{SuitePath}:9: deployment 'tokyo' is not in world 'test' (deployments: beijing, mumbai)",
                $"{SuitePath}:11: workload ping: needs HTTP/1.1 but deployment 'mumbai' offers only HTTP/2",
            ],
            errors);
    }

    [Fact]
    public void Validate_ProbeWithoutPathToADeployment_SaysSo()
    {
        var world = WorldLoader.Parse(WorldSamples.Valid, WorldSamples.File);
        var noPath = world with { Paths = world.Paths.Where(p => p.Deployment != "mumbai").ToList() };
        var study = Load(Study("seed: 3", workload: "workloads/ping.yaml")).Study!;

        Assert.Equal(
            [$"{SuitePath}:7: world 'test' has no path from probe 'mumbai' to deployment 'mumbai'"],
            study.Validate(noPath with { Deployments = [.. world.Deployments.Select(d => d with { HttpVersions = ["1.1", "2"] })] }).Select(e => e.ToString()));
        Assert.Empty(Load(Study("seed: 3", workload: "workloads/cold.yaml", roles: "roles: { auth: beijing }")).Study!.Validate(world));
    }

    // A valid study (world 3, duration 4, seed 5, compare 6-7, workloads 8-9, roles 10) with the line that starts like
    // `line` replaced by it (the seed line for any other key).
    private static string Study(string line, string? compare = "- { probe: mumbai, deployments: [beijing, mumbai] }", string workload = "workloads/cold.yaml", string roles = "roles: { auth: beijing }")
    {
        var lines = new List<string>
        {
            "version: 1",
            "study:",
            "  world: builtin",
            "  duration: 1m",
            "  seed: 1",
            compare is null ? "  compare: []" : "  compare:",
            compare is null ? "  # no compare" : "    " + compare,
            "  workloads:",
            $"    - {{ file: {workload}, sessions_per_minute: 1 }}",
            "  " + roles,
        };
        if (line.StartsWith("world:", StringComparison.Ordinal)) lines[2] = "  " + line;
        else if (line.StartsWith("duration:", StringComparison.Ordinal)) lines[3] = "  " + line;
        else if (line.StartsWith("compare:", StringComparison.Ordinal)) lines[5] = "  " + line;
        else if (line.StartsWith("roles:", StringComparison.Ordinal)) lines[9] = "  " + line;
        else lines[4] = "  " + line;
        return string.Join('\n', lines) + "\n";
    }

    // Targets and one valid scenario, 3 lines, to append to a suite.
    private const string Scenarios = """
        targets: { api: http://127.0.0.1:9 }
        scenarios:
          - { name: s, target: api, steps: [{ name: get, path: / }], load: [{ inject: { rate: 10, interval: 1s, during: 2s } }] }

        """;

    private static string ThresholdError(string text)
    {
        Assert.False(ThresholdParser.TryParse(text, out _, out var error));
        return error;
    }

    private SuiteDefinition Load(string yaml)
    {
        File.WriteAllText(SuitePath, yaml);
        return SuiteLoader.Load(SuitePath);
    }

    private List<string> Errors(string yaml)
    {
        File.WriteAllText(SuitePath, yaml);
        var ex = Assert.Throws<InputValidationException>(() => SuiteLoader.Load(SuitePath));
        return ex.Errors.Select(e => e.ToString()).ToList();
    }
}
