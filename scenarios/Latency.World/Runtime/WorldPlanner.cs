using Latency.Scenarios.Worlds;
using Latency.World.Radio;

namespace Latency.World.Runtime;

/// <summary>Turns a loaded world file and a profile into the plan the world's processes run.</summary>
public static class WorldPlanner
{
    public static WorldPlan Plan(WorldDefinition world, string? profile, string? worldFile, ulong seed = 1)
    {
        var chosen = profile ?? world.DefaultProfile;
        if (!world.ProfileNames.Contains(chosen))
        {
            throw new ArgumentException($"profile '{chosen}' is not in world '{world.Name}' (profiles: {string.Join(", ", world.ProfileNames)})");
        }

        return new WorldPlan
        {
            WorldName = world.Name,
            WorldFile = worldFile,
            WorldContentSha256 = world.ContentSha256.Length > 0 ? world.ContentSha256 : null,
            Profile = chosen,
            Prefix = WorldController.PrefixFamily + Random.Shared.Next(0x1000, 0x10000).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
            Seed = seed,
            Probes = world.Probes.Select(p => new PlannedProbe(p.Name, p.Country, p.City,
                p.Radio is null ? null : RadioModelMapping.ToParameters(p.Radio))).ToList(),
            Deployments = world.Deployments.Select(d => new PlannedDeployment(d.Name, d.Site, d.Role.ToString())).ToList(),
            Paths = world.ResolvePaths(chosen),
        };
    }
}
