using Latency.Scenarios.Validation;
using Latency.Scenarios.Worlds;

namespace Latency.Tests.Worlds;

public sealed class WorldLoaderTests
{
    private const string File = WorldSamples.File;

    [Fact]
    public void Parse_ValidWorld_BuildsExpectedRecords()
    {
        var world = WorldLoader.Parse(WorldSamples.Valid, File);

        Assert.Equal("test", world.Name);
        Assert.Equal(File, world.SourceFile);
        Assert.Equal(["typical", "congested"], world.ProfileNames);
        Assert.Equal("typical", world.DefaultProfile);

        var probe = Assert.Single(world.Probes);
        Assert.Equal(("mumbai", "IN", "Mumbai"), (probe.Name, probe.Country, probe.City));
        Assert.Equal(new CitedValue(32, "last-mile IN", null, new SourceLocation(File, 11)), probe.LastMileRttMs);
        Assert.Equal(25, probe.LastMileDownMbps.Value);
        Assert.Equal(5, probe.LastMileUpMbps.Value);
        Assert.Equal(new SourceLocation(File, 7), probe.Location);

        Assert.Equal(["beijing", "mumbai"], world.Deployments.Select(d => d.Name));
        Assert.Equal(DeploymentRole.Origin, world.Deployments[0].Role);
        Assert.Equal(["1.1", "2"], world.Deployments[0].HttpVersions);
        Assert.Equal(DeploymentRole.InRegion, world.Deployments[1].Role);
        Assert.Equal("IN", world.Deployments[1].Serves);
        Assert.Equal(["2"], world.Deployments[1].HttpVersions);
        Assert.Equal("techplained", world.Deployments[1].Source);

        Assert.Equal(2, world.Paths.Count);
        var toBeijing = world.Paths[0];
        Assert.Equal(("mumbai", "beijing"), (toBeijing.Probe, toBeijing.Deployment));
        Assert.Equal(130, toBeijing.Base.RttMs!.Value);
        Assert.Equal("assumption: via HK", toBeijing.Base.RttMs.Citation);
        Assert.Equal(3.3, toBeijing.Base.LossUpPct!.Value);
        Assert.Null(toBeijing.Base.LossDownPct);
        Assert.Equal(["congested"], toBeijing.Overrides.Keys);
        Assert.Equal(15, toBeijing.ParametersFor("congested").LossUpPct!.Value);
        Assert.Equal(24, toBeijing.ParametersFor("congested").JitterMs!.Value);
        Assert.Equal(3.3, toBeijing.ParametersFor("typical").LossUpPct!.Value);
    }

    [Fact]
    public void Parse_UnknownCountry_ReportsItWithLine()
    {
        Assert.Equal(
            ["world.yaml:8: unknown country 'XX' (known: IN, ID, MY, PH, TW, VN, TH, CN, SG, HK, JP)"],
            Errors(WorldSamples.WithLine(8, "country: XX")));
    }

    [Fact]
    public void Parse_LowerCaseCountry_SuggestsTheCode()
    {
        Assert.Equal(["world.yaml:8: unknown country 'in' (did you mean 'IN'?)"], Errors(WorldSamples.WithLine(8, "country: in")));
    }

    [Fact]
    public void Parse_ProbeCountryWithoutLastMileRow_IsRejected()
    {
        Assert.Equal(
            ["world.yaml:8: country 'SG' has no mobile last-mile row in the calibration data, so it cannot be a probe country (probe countries: IN, ID, MY, PH, TW, VN, TH)"],
            Errors(WorldSamples.WithLine(8, "country: SG")));
    }

    [Fact]
    public void Parse_NegativeDelay_IsRejected()
    {
        Assert.Equal(["world.yaml:29: 'rtt_ms' must be >= 0 (got -5)"], Errors(WorldSamples.WithLine(29, "rtt_ms: { value: -5, source: \"s\" }")));
    }

    [Theory]
    [InlineData("120", "120")]
    [InlineData("-1", "-1")]
    [InlineData("100.5", "100.5")]
    public void Parse_LossOutsidePercentRange_IsRejected(string value, string shown)
    {
        Assert.Equal(
            [$"world.yaml:22: 'loss_up_pct' must be between 0 and 100 (a percentage) (got {shown})"],
            Errors(WorldSamples.WithLine(22, $"loss_up_pct: {{ value: {value}, source: \"mtr\" }}")));
    }

    [Fact]
    public void Parse_ZeroBandwidth_IsRejectedOnPathsAndLastMile()
    {
        var yaml = WorldSamples.WithLine(30, "bandwidth_down_mbps: { value: 0, assumption: \"x\" }")
            .Replace("up_mbps: { value: 5,", "up_mbps: { value: -2,", StringComparison.Ordinal);

        Assert.Equal(
            ["world.yaml:13: 'up_mbps' must be > 0 (got -2)", "world.yaml:30: 'bandwidth_down_mbps' must be > 0 (got 0)"],
            Errors(yaml));
    }

    [Fact]
    public void Parse_PathToUndefinedDeployment_ListsTheDeployments()
    {
        Assert.Equal(
            ["world.yaml:28: deployment 'tokyo' is not defined (deployments: beijing, mumbai)"],
            Errors(WorldSamples.WithLine(28, "deployment: tokyo")));
    }

    [Fact]
    public void Parse_PathToMisspelledProbe_SuggestsTheProbe()
    {
        Assert.Equal(["world.yaml:18: probe 'mumbay' is not defined (did you mean 'mumbai'?)"], Errors(WorldSamples.WithLine(18, "- probe: mumbay")));
    }

    [Fact]
    public void Parse_DuplicateDeploymentName_PointsAtTheFirst()
    {
        Assert.Equal(
            [
                "world.yaml:16: duplicate deployment name 'beijing' (first defined on line 15)",
                // The renamed line no longer declares 'mumbai', so the path to it is now wrong too.
                "world.yaml:28: deployment 'mumbai' is not defined (deployments: beijing)",
            ],
            Errors(WorldSamples.WithLine(16, "- { name: beijing, site: \"aws Mumbai\", role: in-region, serves: IN }")));
    }

    [Fact]
    public void Parse_DuplicatePath_PointsAtTheFirst()
    {
        Assert.Equal(
            ["world.yaml:27: duplicate path mumbai -> beijing (first defined on line 18)"],
            Errors(WorldSamples.WithLine(28, "deployment: beijing")));
    }

    [Fact]
    public void Parse_UnknownKey_SuggestsTheClosest()
    {
        Assert.Equal(
            ["world.yaml:21: unknown key 'jiter_ms' (did you mean 'jitter_ms'?)"],
            Errors(WorldSamples.WithLine(21, "jiter_ms: { value: 24, assumption: \"x\" }")));
    }

    [Fact]
    public void Parse_OverrideOfUndeclaredProfile_IsRejected()
    {
        Assert.Equal(
            ["world.yaml:24: profile 'congestd' is not declared in 'profiles' (did you mean 'congested'?)"],
            Errors(WorldSamples.WithLine(24, "congestd:")));
    }

    [Fact]
    public void Parse_BareNumber_AsksForASourceOrAssumption()
    {
        Assert.Equal(
            ["world.yaml:29: 'rtt_ms' needs a source or an assumption: write { value: 3, source: \"file, row, figure\" } or { value: 3, assumption: \"the rule used\" }"],
            Errors(WorldSamples.WithLine(29, "rtt_ms: 3")));
    }

    [Fact]
    public void Parse_NumberWithoutCitation_IsRejected()
    {
        Assert.Equal(
            ["world.yaml:29: 'rtt_ms' needs 'source' (the data row it comes from) or 'assumption' (the rule used to derive it)"],
            Errors(WorldSamples.WithLine(29, "rtt_ms: { value: 3 }")));
    }

    [Fact]
    public void Parse_UnknownRoleAndHttpVersion_AreRejected()
    {
        Assert.Equal(
            ["world.yaml:16: unknown role 'edge' (use origin or in-region)", "world.yaml:16: 'http' versions must be \"1.1\" or \"2\" (got '3')"],
            Errors(WorldSamples.WithLine(16, "- { name: mumbai, site: \"aws Mumbai\", role: edge, serves: IN, http: [\"3\"] }")));
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsAllInFileOrder()
    {
        var yaml = WorldSamples.WithLine(29, "rtt_ms: { value: -1, source: \"s\" }")
            .Replace("country: IN", "country: XX", StringComparison.Ordinal)
            .Replace("deployment: beijing", "deployment: nowhere", StringComparison.Ordinal);

        Assert.Equal(
            [
                "world.yaml:8: unknown country 'XX' (known: IN, ID, MY, PH, TW, VN, TH, CN, SG, HK, JP)",
                "world.yaml:19: deployment 'nowhere' is not defined (deployments: beijing, mumbai)",
                "world.yaml:29: 'rtt_ms' must be >= 0 (got -1)",
            ],
            Errors(yaml));
    }

    [Fact]
    public void Parse_BurstLoss_BuildsGilbertElliott()
    {
        var yaml = WorldSamples.WithLine(30, "burst_loss_down: { good_to_bad: 0.01, bad_to_good: 0.3, loss_in_good: 0, loss_in_bad: 0.5, assumption: \"test\" }");

        var path = WorldLoader.Parse(yaml, File).Paths[1];

        Assert.Equal(new GilbertElliott(0.01, 0.3, 0, 0.5), path.Base.BurstLossDown!.Model);
    }

    [Fact]
    public void Parse_BurstLossProbabilityAboveOne_IsRejected()
    {
        Assert.Equal(
            ["world.yaml:30: 'loss_in_bad' must be a probability from 0 to 1 (got 50)"],
            Errors(WorldSamples.WithLine(30, "burst_loss_down: { good_to_bad: 0.01, bad_to_good: 0.3, loss_in_good: 0, loss_in_bad: 50, assumption: \"test\" }")));
    }

    [Fact]
    public void Parse_Locations_ReadCoordinatesWithTheirCitation()
    {
        var yaml = WithProbeLocation("{ lat: 19.018936, lon: 72.855043, source: \"places.csv: Mumbai\" }")
            .Replace("serves: IN, http:", "serves: IN, location: { lat: -6.2, lon: 106.8, source: \"s\", assumption: \"a\" }, http:", StringComparison.Ordinal);

        var world = WorldLoader.Parse(yaml, File);

        Assert.Equal(new CitedCoordinates(19.018936, 72.855043, "places.csv: Mumbai", null, new SourceLocation(File, 10)), world.Probes[0].Coordinates);
        Assert.Null(world.Deployments[0].Coordinates);
        Assert.Equal(new CitedCoordinates(-6.2, 106.8, "s", "a", new SourceLocation(File, 17)), world.Deployments[1].Coordinates);
    }

    [Fact]
    public void Parse_LocationOutsideTheGlobe_ReportsEachCoordinateWithLine()
    {
        Assert.Equal(
            [
                "world.yaml:10: 'lat' must be between -90 and 90 degrees (got 95.5)",
                "world.yaml:10: 'lon' must be between -180 and 180 degrees (got -181)",
            ],
            Errors(WithProbeLocation("{ lat: 95.5, lon: -181, source: \"s\" }")));
    }

    [Fact]
    public void Parse_LocationWithoutCitationOrLongitude_IsRejected()
    {
        Assert.Equal(
            [
                "world.yaml:10: 'location' needs 'source' (the data row it comes from) or 'assumption' (the rule used to derive it)",
                "world.yaml:10: 'location' is missing 'lon' (decimal degrees)",
            ],
            Errors(WithProbeLocation("{ lat: 19 }")));
    }

    [Fact]
    public void Load_MissingFile_SaysNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-world-{Guid.NewGuid():N}.yaml");

        var ex = Assert.Throws<InputValidationException>(() => WorldLoader.Load(path));

        Assert.Equal([$"{path}: world file not found"], ex.Errors.Select(e => e.ToString()));
    }

    /// <summary><see cref="WorldSamples.Valid"/> with a <c>location</c> after the probe's city, on line 10.</summary>
    private static string WithProbeLocation(string location) =>
        WorldSamples.Valid.Replace("    city: Mumbai\n", $"    city: Mumbai\n    location: {location}\n", StringComparison.Ordinal);

    private static IReadOnlyList<string> Errors(string yaml) => WorldSamples.Errors(yaml);
}
