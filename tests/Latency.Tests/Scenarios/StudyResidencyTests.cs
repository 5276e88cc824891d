using Latency.Scenarios.Studies;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Worlds;
using Latency.Tests.Reports;

namespace Latency.Tests.Scenarios;

/// <summary>Issue 19: a study's <c>residency</c> section and residency thresholds, read and resolved against a world.</summary>
public sealed class StudyResidencyTests : IDisposable
{
    private static readonly WorldDefinition Asia = WorldLoader.Load(RepositoryPaths.World("asia"));
    private readonly TempDirectory directory = new();

    public StudyResidencyTests()
    {
        File.WriteAllText(directory.File("login.yaml"), """
            version: 1
            name: login
            description: d
            steps:
              - request: { name: login, method: POST, role: auth, request_bytes: 10 }
              - request: { name: profile }
            """);
    }

    private string SuitePath => directory.File("suite.yaml");

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Resolve_BuiltinWorld_JurisdictionsFromTheWorldForbiddenTheOriginsCopiesFromTheSuite()
    {
        var study = Load(Suite("""
              residency:
                replicates_to: { mumbai: [{ deployment: beijing, fraction: 50% }] }
            """));

        Assert.Empty(study.Validate(Asia));
        var plan = study.ResolveResidency(Asia);
        Assert.Equal(["CN"], plan.Forbidden);
        Assert.Equal(("CN", "IN"), (plan.JurisdictionOf("beijing"), plan.JurisdictionOf("mumbai")));
        var copy = Assert.Single(plan.Replication);
        Assert.Equal(("mumbai", "beijing", 0.5), (copy.From, copy.To, copy.Fraction));
        var threshold = Assert.Single(plan.Thresholds);
        Assert.Equal("residency: CN bytes_sent == 0", threshold.Text);
        Assert.Empty(study.Thresholds); // the latency thresholds stay apart
    }

    [Fact]
    public void Resolve_NoWorld_JurisdictionsFromTheSuiteAndForbiddenAsWritten()
    {
        var study = Load(Suite("""
              residency:
                forbidden: [CN, HK]
                jurisdictions: { beijing: CN, mumbai: IN }
            """, world: "none", endpoints: true));

        var plan = study.ResolveResidency(null);

        Assert.Equal(["CN", "HK"], plan.Forbidden);
        Assert.Equal(("CN", "IN"), (plan.JurisdictionOf("beijing"), plan.JurisdictionOf("mumbai")));
        Assert.Empty(study.ResidencyProblems(null));
    }

    [Fact]
    public void Load_BadResidency_EveryProblemWithItsLine()
    {
        var errors = Errors(Suite("""
              residency:
                forbidden: [China]
                jurisdictions: { beijing: cn }
                replicates_to: { tokyo: [beijing], mumbai: [mumbai] }
                mirror: yes
            """, threshold: "residency: CN bytes = 0"));

        Assert.Equal(
        [
            $"{SuitePath}:12: threshold 'residency: CN bytes = 0': unknown residency metric 'bytes'; use bytes_sent, bytes_received or requests",
            $"{SuitePath}:14: 'forbidden' must be a jurisdiction code of two upper-case letters, e.g. CN or IN (got 'China')",
            $"{SuitePath}:15: 'beijing' must be a jurisdiction code of two upper-case letters, e.g. CN or IN (got 'cn')",
            $"{SuitePath}:16: residency: 'tokyo' replicates, but the study's sessions never reach it (deployments: beijing, mumbai)",
            $"{SuitePath}:16: deployment 'mumbai' cannot replicate to itself",
            $"{SuitePath}:17: unknown key 'mirror' (known: forbidden, jurisdictions, replicates_to)",
        ], errors);
    }

    [Fact]
    public void Validate_JurisdictionThatContradictsTheWorld_IsRefused()
    {
        var study = Load(Suite("""
              residency:
                jurisdictions: { mumbai: SG }
            """));

        Assert.Equal([$"{SuitePath}:14: residency: deployment 'mumbai' is in IN in world 'asia', not SG (leave it out: the world file says where it is)"],
            study.Validate(Asia).Select(e => e.ToString()));
    }

    [Fact]
    public void ResidencyProblems_NoWorldCopyToAnUnplacedDeployment_IsRefused()
    {
        var study = Load(Suite("""
              residency:
                jurisdictions: { beijing: CN }
                replicates_to: { mumbai: [backup] }
            """, world: "none", endpoints: true));

        Assert.Equal($"{SuitePath}:16: residency: 'mumbai' replicates to 'backup', which has no jurisdiction under residency.jurisdictions",
            Assert.Single(study.ResidencyProblems(null)).ToString());
    }

    // Lines: 1 version, 2 study, 3 world, 4 duration, 5 compare, 6 entry, 7 roles, 8 workloads, 9 entry, 10-11 (a world)
    // or 10-12 (endpoints), then thresholds, then the residency section.
    private static string Suite(string residency, string world = "builtin", bool endpoints = false, string threshold = "residency: CN bytes_sent == 0") => $"""
        version: 1
        study:
          world: {world}
          duration: 1m
          compare:
            - {"{"} probe: mumbai, deployments: [beijing, mumbai] {"}"}
          roles: {"{"} auth: beijing {"}"}
          workloads:
            - {"{"} file: login.yaml, sessions_per_minute: 1 {"}"}
        {(endpoints ? "  endpoints:\n    beijing: http://127.0.0.1:9/\n    mumbai: http://127.0.0.1:10/" : "  # no endpoints\n  # (a world)")}
          thresholds: ["{threshold}"]
        {residency}
        """;

    private StudyDefinition Load(string yaml)
    {
        File.WriteAllText(SuitePath, yaml);
        return SuiteLoader.Load(SuitePath).Study!;
    }

    private List<string> Errors(string yaml)
    {
        File.WriteAllText(SuitePath, yaml);
        var ex = Assert.Throws<InputValidationException>(() => SuiteLoader.Load(SuitePath));
        return ex.Errors.Select(e => e.ToString()).ToList();
    }
}
