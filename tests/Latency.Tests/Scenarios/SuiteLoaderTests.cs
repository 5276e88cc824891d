using Latency.Scenarios.Load;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using Xunit;

namespace Latency.Tests.Scenarios;

public sealed class SuiteLoaderTests
{
    private const string File = "suite.yaml";

    private const string FullExample = """
        version: 1
        name: checkout-smoke
        targets:
          api: https://api.example.com
          local: http://127.0.0.1:8080/v1/
        scenarios:
          - name: get_config
            target: api
            http: "2"
            connections: 10
            warm_up: 2s
            max_start_delay: 500ms
            steps:
              - name: config
                path: /bytes/512
                headers: { Accept: application/json }
                timeout: 5s
              - name: upload.1
                method: post
                path: /anything?x=1
                target: local
                body_bytes: 1024
            load:
              - inject: { rate: 100, interval: 1s, during: 30s }
              - inject_random: { min_rate: 50, max_rate: 150.5, interval: 1s, during: 30s }
              - ramping_inject: { rate: 200, interval: 1s, during: 30s }
              - keep_constant: { copies: 10, during: 30s }
              - ramping_constant: { copies: 20, during: 30s }
              - iterations_for_constant: { copies: 5, iterations: 1000 }
              - pause: { during: 5s }
            thresholds:
              - "p99 < 800ms"
              - "errors < 1%"
              - "dropped < 5"
              - "config: p95 <= 300ms"
          - name: defaults
            steps:
              - name: ping
                target: local
                path: /ping
            load:
              - keep_constant:
                  copies: 1
                  during: 1m
        """;

    [Fact]
    public void Parse_FullExample_BuildsExpectedRecords()
    {
        var suite = SuiteLoader.Parse(FullExample, File);

        Assert.Equal("checkout-smoke", suite.Name);
        Assert.Equal(File, suite.SourceFile);
        Assert.Equal(["api", "local"], suite.Targets.Keys.Order());
        Assert.Equal(new Uri("https://api.example.com"), suite.Targets["api"]);
        Assert.Equal(new Uri("http://127.0.0.1:8080/v1/"), suite.Targets["local"]);
        Assert.Equal(2, suite.Scenarios.Count);

        var scenario = suite.Scenarios[0];
        Assert.Equal("get_config", scenario.Name);
        Assert.Equal("2", scenario.HttpVersion);
        Assert.Equal(10, scenario.Connections);
        Assert.Equal(TimeSpan.FromSeconds(2), scenario.WarmUp);
        Assert.Equal(TimeSpan.FromMilliseconds(500), scenario.MaxStartDelay);
        Assert.Equal(new SourceLocation(File, 7), scenario.Location);

        Assert.Equal(2, scenario.Steps.Count);
        var config = scenario.Steps[0];
        Assert.Equal(
            ("config", "api", "https://api.example.com/bytes/512", "GET", 0L, TimeSpan.FromSeconds(5), new SourceLocation(File, 14)),
            (config.Name, config.TargetName, config.Url.AbsoluteUri, config.Method, config.BodyBytes, config.Timeout, config.Location));
        Assert.Equal("application/json", Assert.Single(config.Headers, h => h.Key == "Accept").Value);
        Assert.Equal("application/json", config.Headers["accept"]);

        var upload = scenario.Steps[1];
        Assert.Equal(
            ("upload.1", "local", "http://127.0.0.1:8080/v1/anything?x=1", "POST", 1024L, HttpStepDefinition.DefaultTimeout, new SourceLocation(File, 18)),
            (upload.Name, upload.TargetName, upload.Url.AbsoluteUri, upload.Method, upload.BodyBytes, upload.Timeout, upload.Location));
        Assert.Empty(upload.Headers);

        var s = TimeSpan.FromSeconds(1);
        var thirty = TimeSpan.FromSeconds(30);
        Assert.Equal(
            new LoadSimulation[]
            {
                new Inject(100, s, thirty),
                new InjectRandom(50, 150.5, s, thirty),
                new RampingInject(200, s, thirty),
                new KeepConstant(10, thirty),
                new RampingConstant(20, thirty),
                new IterationsForConstant(5, 1000),
                new Pause(TimeSpan.FromSeconds(5)),
            },
            scenario.Load);

        Assert.Equal(
            new[]
            {
                new ThresholdDefinition("p99 < 800ms", null, ThresholdMetric.Percentile, 99, ThresholdOperator.LessThan, 800_000, false, new SourceLocation(File, 32)),
                new ThresholdDefinition("errors < 1%", null, ThresholdMetric.Errors, null, ThresholdOperator.LessThan, 1, true, new SourceLocation(File, 33)),
                new ThresholdDefinition("dropped < 5", null, ThresholdMetric.Dropped, null, ThresholdOperator.LessThan, 5, false, new SourceLocation(File, 34)),
                new ThresholdDefinition("config: p95 <= 300ms", "config", ThresholdMetric.Percentile, 95, ThresholdOperator.LessThanOrEqual, 300_000, false, new SourceLocation(File, 35)),
            },
            scenario.Thresholds);

        var defaults = suite.Scenarios[1];
        Assert.Equal(
            ("defaults", "1.1", 100, TimeSpan.Zero, TimeSpan.FromSeconds(10)),
            (defaults.Name, defaults.HttpVersion, defaults.Connections, defaults.WarmUp, defaults.MaxStartDelay));
        Assert.Equal("http://127.0.0.1:8080/v1/ping", Assert.Single(defaults.Steps).Url.AbsoluteUri);
        Assert.Equal(new LoadSimulation[] { new KeepConstant(1, TimeSpan.FromMinutes(1)) }, defaults.Load);
        Assert.Empty(defaults.Thresholds);
    }

    [Fact]
    public void Parse_NoName_UsesFileNameWithoutExtension()
    {
        var yaml = FullExample.Replace("name: checkout-smoke\n", "", StringComparison.Ordinal);

        var suite = SuiteLoader.Parse(yaml, "suites/nightly.yaml");

        Assert.Equal("nightly", suite.Name);
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsLine()
    {
        const string yaml = """
            version: 1
            targets:
              api: "https://x
            scenarios: []
            """;

        Assert.Equal(
            ["suite.yaml:3: malformed YAML: While scanning a multi-line double-quoted scalar, found wrong indentation."],
            Errors(yaml));
    }

    [Fact]
    public void Parse_UnclosedFlowListThatCrashesYamlDotNetScanner_ReportsLineInsteadOfStackTrace()
    {
        // YamlDotNet 18.1.0 throws InvalidOperationException (no position) for this, not a YamlException.
        const string yaml = """
            version: 1
            targets:
              api: [https://x,
            scenarios: []
            """;

        Assert.Equal(["suite.yaml:3: malformed YAML: cannot parse the text after line 3, column 18"], Errors(yaml));
    }

    [Theory]
    [InlineData("[")]
    [InlineData("{a: ")]
    public void Parse_NestingDeepEnoughToOverflowTheStack_ReportsLineInsteadOfEndingTheProcess(string open)
    {
        // Found by fuzzing: YamlDotNet's node loader recursed once per level, and the stack overflow ended the process.
        var yaml = "version: 1\ntargets:\n  api: " + string.Concat(Enumerable.Repeat(open, 100_000)) + "\n";

        Assert.Equal(["suite.yaml:3: malformed YAML: nested deeper than 64 levels"], Errors(yaml));
    }

    [Fact]
    public void Parse_DuplicateKey_ReportsLine()
    {
        Assert.Equal(["suite.yaml:2: malformed YAML: Duplicate key version"], Errors("version: 1\nversion: 1\n"));
    }

    [Fact]
    public void Parse_UnknownSimulation_ListsKnownOnes()
    {
        var yaml = Scenario(load: "      - inject_ramp: { rate: 10, interval: 1s, during: 5s }");

        Assert.Equal(
            ["suite.yaml:11: unknown load simulation 'inject_ramp' (known: inject, inject_random, ramping_inject, keep_constant, ramping_constant, iterations_for_constant, pause)"],
            Errors(yaml));
    }

    [Fact]
    public void Parse_NegativeRate_ReportedAtItsListItem()
    {
        var yaml = Scenario(load: """
                  - pause: { during: 1s }
                  - inject: { rate: -5, interval: 1s, during: 5s }
            """);

        Assert.Equal(["suite.yaml:12: inject: rate must be > 0 (got -5)"], Errors(yaml));
    }

    [Fact]
    public void Parse_IntervalLongerThanDuring_ReportedAtItsListItem()
    {
        var yaml = Scenario(load: "      - ramping_inject: { rate: 5, interval: 10s, during: 5s }");

        Assert.Equal(["suite.yaml:11: ramping_inject: interval (10 s) must not be longer than during (5 s)"], Errors(yaml));
    }

    [Fact]
    public void Parse_StepNamesMissingTarget_ReportsAtStepTargetLine()
    {
        var yaml = Scenario(step: """
                  - name: a
                    target: foo
                    path: /a
            """);

        Assert.Equal(["suite.yaml:9: target 'foo' is not defined (targets: api)"], Errors(yaml));
    }

    [Fact]
    public void Parse_ScenarioDefaultTargetMissing_ReportedOnceNotPerStep()
    {
        var yaml = Scenario(scenarioTarget: "nope", step: """
                  - name: a
                    path: /a
                  - name: b
                    path: /b
            """);

        Assert.Equal(["suite.yaml:6: target 'nope' is not defined (targets: api)"], Errors(yaml));
    }

    [Fact]
    public void Parse_StepWithoutAnyTarget_SaysWhereToSetIt()
    {
        var yaml = Scenario(scenarioTarget: null);

        Assert.Equal(["suite.yaml:8: step 'a' has no target; set 'target' on the step or on its scenario"], Errors(yaml));
    }

    [Fact]
    public void Parse_UnknownKeyNearAKnownOne_SuggestsIt()
    {
        var yaml = Scenario(load: "      - inject: { rat: 10, interval: 1s, during: 5s }");

        Assert.Equal(
            ["suite.yaml:11: unknown key 'rat' (did you mean 'rate'?)", "suite.yaml:11: inject is missing 'rate'"],
            Errors(yaml));
    }

    [Fact]
    public void Parse_UnknownKeyFarFromKnownOnes_ListsThem()
    {
        var yaml = "version: 1\nfoo: bar\n" + Scenario()["version: 1\n".Length..];

        Assert.Equal(["suite.yaml:2: unknown key 'foo' (known: version, name, targets, scenarios, study)"], Errors(yaml));
    }

    [Fact]
    public void Parse_DurationsTooLongForADecimalOrNegative_EachLocatedNotAnOverflow()
    {
        // 29 digits and more overflow System.Decimal: each must still be a located problem, not a crash.
        var yaml = Scenario(
            step: "      - name: a\n        path: /a\n        timeout: 99999999999999999999999999999s",
            load: "      - keep_constant: { copies: 2, during: 1234567890123456789012345678901234567890ms }\n      - pause: { during: -99999999999999999999999999999s }");

        Assert.Equal(
            [
                "suite.yaml:10: 'timeout': duration '99999999999999999999999999999s' is too long",
                "suite.yaml:12: 'during': duration '1234567890123456789012345678901234567890ms' is too long",
                "suite.yaml:13: 'during': duration must not be negative (got '-99999999999999999999999999999s')",
            ],
            Errors(yaml));
    }

    [Fact]
    public void Parse_BareNumberDuration_AsksForUnit()
    {
        var yaml = Scenario(load: "      - keep_constant: { copies: 2, during: 30 }");

        Assert.Equal(["suite.yaml:11: 'during': duration needs a unit, e.g. 30s"], Errors(yaml));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneWithItsLine()
    {
        const string yaml = """
            version: 2
            targets:
              api: https://api.example.com
              bad: ftp://files.example.com
            scenarios:
              - name: one
                target: api
                conections: 5
                http: "3"
                steps:
                  - name: a
                    path: a
                  - name: a
                    path: /b
                    target: other
                    method: FETCH
                    timeout: 10
                load:
                  - inject: { rate: 0, interval: 1s, during: 5s }
                  - inject_random: { min_rate: 10, max_rate: 5, interval: 2s, during: 1s }
                  - warp: { speed: 9 }
                thresholds:
                  - "p99 < 800"
                  - "missing: p95 < 1s"
                  - "a: errors < 1%"
              - name: one
                steps: []
                load: []
              - name: "bad name"
                steps:
                  - name: c
                    target: bad
                    path: /c
                load:
                  - pause: { during: 0s }
            """;

        Assert.Equal(
            [
                "suite.yaml:1: unsupported version '2' (this build reads version 1)",
                "suite.yaml:4: target 'bad' must be an absolute http or https URL (got 'ftp://files.example.com')",
                "suite.yaml:8: unknown key 'conections' (did you mean 'connections'?)",
                "suite.yaml:9: 'http' must be \"1.1\" or \"2\" (got '3')",
                "suite.yaml:12: 'path' must start with '/' (got 'a')",
                "suite.yaml:13: duplicate step name 'a' (first defined on line 11)",
                "suite.yaml:15: target 'other' is not defined (targets: api, bad)",
                "suite.yaml:16: unknown method 'FETCH' (use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)",
                "suite.yaml:17: 'timeout': duration needs a unit, e.g. 30s",
                "suite.yaml:19: inject: rate must be > 0 (got 0)",
                "suite.yaml:20: inject_random: max_rate (5) must be >= min_rate (10)",
                "suite.yaml:20: inject_random: interval (2 s) must not be longer than during (1 s)",
                "suite.yaml:21: unknown load simulation 'warp' (known: inject, inject_random, ramping_inject, keep_constant, ramping_constant, iterations_for_constant, pause)",
                "suite.yaml:23: threshold 'p99 < 800': latency value '800': duration needs a unit, e.g. 30s",
                "suite.yaml:24: threshold 'missing: p95 < 1s': step 'missing' is not defined in this scenario (steps: a)",
                "suite.yaml:26: duplicate scenario name 'one' (first defined on line 6)",
                "suite.yaml:27: 'steps' needs at least one step",
                "suite.yaml:28: 'load' needs at least one load simulation, e.g. - inject: { rate: 100, interval: 1s, during: 30s }",
                "suite.yaml:29: scenario name 'bad name' may only contain letters, digits, '_', '.' and '-'",
                "suite.yaml:35: pause: during must be > 0 (got 0 s)",
            ],
            Errors(yaml));
    }

    [Fact]
    public void Parse_EmptyText_SaysWhatASuiteNeeds()
    {
        Assert.Equal(["suite.yaml:1: the file is empty; a suite needs 'version: 1', 'targets' and 'scenarios', or a 'study'"], Errors("# nothing\n"));
    }

    [Fact]
    public void Parse_MissingTopLevelKeys_ReportsEach()
    {
        Assert.Equal(
            [
                "suite.yaml:1: the suite is missing 'version' (add 'version: 1')",
                "suite.yaml:1: the suite is missing 'targets' (named base URLs, e.g. api: https://localhost:5001)",
                "suite.yaml:1: the suite is missing 'scenarios' (or a 'study')",
            ],
            Errors("name: x\n"));
    }

    [Fact]
    public void Load_MissingFile_OneErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-suite-{Guid.NewGuid():N}.yaml");

        var ex = Assert.Throws<InputValidationException>(() => SuiteLoader.Load(path));

        Assert.Equal([$"{path}: suite file not found"], ex.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Load_FileOnDisk_UsesPathInMessages()
    {
        var path = Path.Combine(Path.GetTempPath(), $"suite-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, Scenario(load: "      - inject: { rate: -1, interval: 1s, during: 5s }"));
        try
        {
            var ex = Assert.Throws<InputValidationException>(() => SuiteLoader.Load(path));

            Assert.Equal([$"{path}:11: inject: rate must be > 0 (got -1)"], ex.Errors.Select(e => e.ToString()));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void Load_ExampleSuiteInRepository_IsValid()
    {
        var path = Path.Combine(RepositoryPaths.Root(), "scenarios", "suites", "example-local.yaml");

        var suite = SuiteLoader.Load(path);

        Assert.NotEmpty(suite.Scenarios);
    }

    [Fact]
    public void Parse_CompleteExampleInReferenceDoc_IsValid()
    {
        var markdown = System.IO.File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "docs", "suite-reference.md"));
        const string fence = "```yaml\n";
        var start = markdown.IndexOf(fence, StringComparison.Ordinal) + fence.Length;
        var yaml = markdown[start..markdown.IndexOf("```", start, StringComparison.Ordinal)];

        var suite = SuiteLoader.Parse(yaml, "suite-reference.md");

        Assert.Equal(["get_config", "closed_model"], suite.Scenarios.Select(s => s.Name));
        Assert.Equal(5, suite.Scenarios[0].Thresholds.Count);
    }

    /// <summary>A valid suite (lines 1-11, load item on line 11) with one part replaced.</summary>
    private static string Scenario(
        string step = "      - name: a\n        path: /a",
        string load = "      - inject: { rate: 10, interval: 1s, during: 5s }",
        string? scenarioTarget = "api")
    {
        var target = scenarioTarget is null ? "    http: \"1.1\"" : $"    target: {scenarioTarget}";
        return $"""
            version: 1
            targets:
              api: https://api.example.com
            scenarios:
              - name: s
            {target}
                steps:
            {step.TrimEnd()}
                load:
            {load.TrimEnd()}

            """;
    }

    private static IReadOnlyList<string> Errors(string yaml)
    {
        var ex = Assert.Throws<InputValidationException>(() => SuiteLoader.Parse(yaml, File));
        return ex.Errors.Select(e => e.ToString()).ToList();
    }
}
