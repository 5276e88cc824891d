using System.Globalization;
using Latency.Scenarios.Worlds;

namespace Latency.Tests.Worlds;

/// <summary>
/// The project's world file, scenarios/world/asia.yaml, checked against the figures of scenarios/world/data
/// (backbone-rtt.csv, mobile-last-mile.csv) it cites.
/// </summary>
public sealed class AsiaWorldFileTests
{
    private static readonly WorldDefinition World = WorldLoader.Load(Path.Combine(RepositoryPaths.Root(), "scenarios", "world", "asia.yaml"));

    [Fact]
    public void Load_AsiaFile_HasTheRequiredProbesDeploymentsAndProfiles()
    {
        Assert.Equal(["typical", "congested"], World.ProfileNames);
        Assert.Equal(["IN", "ID", "MY", "PH", "TW", "VN", "TH"], World.Probes.Select(p => p.Country).Distinct());
        Assert.Equal(
            ["beijing", "singapore", "mumbai", "jakarta", "hong-kong", "tokyo", "taipei"],
            World.Deployments.Select(d => d.Name));
        Assert.Equal(["beijing"], World.Deployments.Where(d => d.Role == DeploymentRole.Origin).Select(d => d.Name));
    }

    [Fact]
    public void Load_AsiaFile_EveryProbeReachesBeijingSingaporeAndAnInRegionDeployment()
    {
        foreach (var probe in World.Probes)
        {
            var deployments = World.Paths.Where(p => p.Probe == probe.Name).Select(p => p.Deployment).ToList();
            Assert.Contains("beijing", deployments);
            Assert.Contains("singapore", deployments);
        }

        // Every deployment is measured from somewhere.
        Assert.All(World.Deployments, d => Assert.Contains(World.Paths, p => p.Deployment == d.Name));
    }

    [Theory]
    // Backbone row + mobile last-mile median (mobile-last-mile.csv).
    [InlineData("mumbai", "mumbai", 3 + 32)]              // techplained Mumbai -> ap-south-1 3 ms; IN 32 ms
    [InlineData("new-delhi", "mumbai", 28 + 32)]          // techplained New Delhi -> ap-south-1 28 ms
    [InlineData("mumbai", "singapore", 78 + 32)]          // techplained Mumbai -> Singapore 78 ms
    [InlineData("jakarta", "singapore", 17 + 36)]         // Azure Jakarta -> Southeast Asia 17 ms; ID 36 ms
    [InlineData("kuala-lumpur", "singapore", 9 + 28)]     // Azure Kuala Lumpur -> Southeast Asia 9 ms; MY 28 ms
    [InlineData("manila", "hong-kong", 30 + 32)]          // SmokePing Manila -> Hong Kong 30 ms; PH 32 ms
    [InlineData("jakarta", "jakarta", 3 + 36)]            // in-metro 3 ms rule
    [InlineData("taipei", "taipei", 3 + 27)]              // in-metro rule; TW has no latency row: Global 27 ms
    // Beijing: city -> Hong Kong row + Hong Kong -> Beijing great-circle 19.7 ms x 2.0.
    [InlineData("mumbai", "beijing", 91 + 39.4 + 32)]     // cloudping Mumbai -> ap-east-1 91 ms
    [InlineData("kuala-lumpur", "beijing", 35 + 39.4 + 28)]
    [InlineData("bangkok", "beijing", 33.0 * 2 + 27)]     // great-circle 33.0 ms x 2.0; TH: Global 27 ms
    public void ResolvePaths_Typical_MatchesTheCitedRows(string probe, string deployment, double rttMs)
    {
        var path = Assert.Single(World.ResolvePaths("typical"), p => p.Probe == probe && p.Deployment == deployment);

        Assert.Equal(rttMs, path.BaseRtt.TotalMilliseconds, 6);
    }

    [Fact]
    public void ResolvePaths_BeijingPaths_CarryTheMtrInTypicalAndZhuInCongested()
    {
        var typical = World.ResolvePaths("typical").Where(p => p.Deployment == "beijing").ToList();
        var congested = World.ResolvePaths("congested").Where(p => p.Deployment == "beijing").ToList();

        Assert.Equal(World.Probes.Count, typical.Count);
        Assert.All(typical, p =>
        {
            Assert.Equal(0.033, p.Up.LossRate, 12);           // mtr Xi'an -> HK 3.3%, on the inbound direction
            Assert.Equal(0, p.Down.LossRate);
            Assert.Equal(TimeSpan.FromMilliseconds(24), p.Up.Jitter); // 34 ms RTT sd / sqrt(2)
        });
        Assert.All(congested, p =>
        {
            Assert.Equal(0.15, p.Up.LossRate, 12);            // Zhu et al. 2020, foreign -> China
            Assert.Equal(0, p.Down.LossRate);
            Assert.Equal(1_000_000, p.Up.BandwidthBitsPerSecond); // inbound below 1 Mbps
        });
        Assert.Equal(typical.Select(p => p.BaseRtt), congested.Select(p => p.BaseRtt));
    }

    [Fact]
    public void ResolvePaths_InRegionPaths_AreTheSameInBothProfiles()
    {
        var typical = World.ResolvePaths("typical").Where(p => p.Deployment != "beijing");
        var congested = World.ResolvePaths("congested").Where(p => p.Deployment != "beijing");

        Assert.Equal(typical, congested);
    }

    [Fact]
    public void Load_AsiaFile_ThailandUploadFallsBackToGlobal()
    {
        var bangkok = Assert.Single(World.Probes, p => p.Name == "bangkok");

        Assert.Equal(52.05, bangkok.LastMileDownMbps.Value);  // TH row
        Assert.Equal(11.07, bangkok.LastMileUpMbps.Value);    // Global row, TH has none
        Assert.NotNull(bangkok.LastMileUpMbps.Assumption);
    }

    [Fact]
    public void Load_AsiaFile_EveryPlaceHasTheCoordinatesOfThePlacesRowItCites()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryPaths.Root(), "scenarios", "world", "data", "places.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(f => f[0], f => (Lat: double.Parse(f[2], CultureInfo.InvariantCulture), Lon: double.Parse(f[3], CultureInfo.InvariantCulture)));
        var places = World.Probes.Select(p => (p.Name, p.Coordinates)).Concat(World.Deployments.Select(d => (d.Name, d.Coordinates))).ToList();

        Assert.Equal(World.Probes.Count + World.Deployments.Count, places.Count);
        Assert.All(places, place =>
        {
            var coordinates = Assert.IsType<CitedCoordinates>(place.Coordinates);
            // "places.csv: Ho Chi Minh City (Natural Earth ...)": the city between the file name and the parenthesis.
            var source = Assert.IsType<string>(coordinates.Source);
            var city = source["places.csv: ".Length..source.IndexOf(" (", StringComparison.Ordinal)];
            Assert.Equal(rows[city], (coordinates.Latitude, coordinates.Longitude));
        });
    }
}
