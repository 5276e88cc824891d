using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using Latency.Scenarios.Suites;
using YamlDotNet.RepresentationModel;

namespace Latency.Scenarios.Worlds;

/// <summary>
/// Turns the text of a world file into a <see cref="WorldDefinition"/>, recording every problem in the
/// <see cref="YamlContext"/> and carrying on, so a file with five mistakes gets five errors in one run.
/// </summary>
internal sealed partial class WorldReader(YamlContext context)
{
    private static readonly string[] RootKeys = ["version", "name", "profiles", "probes", "deployments", "paths"];
    private static readonly string[] ProbeKeys = ["name", "country", "city", "last_mile", "location"];
    private static readonly string[] LastMileKeys = ["rtt_ms", "down_mbps", "up_mbps", "radio"];
    private static readonly string[] DeploymentKeys = ["name", "site", "role", "serves", "jurisdiction", "replicates_to", "http", "source", "location"];
    private static readonly string[] LocationKeys = ["lat", "lon", "source", "assumption"];
    private static readonly string[] ParameterKeys =
        ["rtt_ms", "jitter_ms", "loss_up_pct", "loss_down_pct", "burst_loss_up", "burst_loss_down", "bandwidth_up_mbps", "bandwidth_down_mbps"];
    private static readonly string[] PathKeys = ["probe", "deployment", "note", "profiles", .. ParameterKeys];
    private static readonly string[] CitedKeys = ["value", "source", "assumption"];
    private static readonly string[] BurstKeys = ["good_to_bad", "bad_to_good", "loss_in_good", "loss_in_bad", "source", "assumption"];
    private static readonly string[] HttpVersions = ["1.1", "2"];
    private static readonly string[] Roles = ["origin", "in-region"];

    // Declared names, valid or not, so a path naming a probe that failed to load is not also told it does not exist.
    private readonly List<string> declaredProfiles = [];
    private readonly List<string> declaredProbes = [];
    private readonly List<string> declaredDeployments = [];

    /// <summary>The world, or null when the text is too broken to build one; either way check the context's errors.</summary>
    public WorldDefinition? Read(string yamlText)
    {
        var document = context.LoadSingleDocument(yamlText, "a world needs 'version: 1', 'profiles', 'probes', 'deployments' and 'paths'", "world");
        if (document is null) return null;
        var root = context.Mapping(document, "the top level of a world");
        if (root is null) return null;
        var fields = context.Fields(root, RootKeys);

        if (!fields.TryGetValue("version", out var versionNode))
        {
            context.Error(root, "the world is missing 'version' (add 'version: 1')");
        }
        else if (context.Scalar(versionNode, "version") is { } version && version.Trim() != "1")
        {
            context.Error(versionNode, $"unsupported version '{version}' (this build reads version 1)");
        }

        var name = fields.ContainsKey("name") ? context.Required(fields, "name", root, "the world") : Path.GetFileNameWithoutExtension(context.File);

        var profiles = new List<ProfileDefinition>();
        var probes = new List<ProbeDefinition>();
        var deployments = new List<DeploymentDefinition>();
        var paths = new List<PathDefinition>();
        // Paths refer to the other three, so those are read first whatever order the file has them in.
        ReadSection(fields, root, "profiles", node => ReadProfiles(node, profiles));
        ReadSection(fields, root, "probes", node => ReadList(node, "'probes'", "probe", probes, ReadProbe));
        ReadSection(fields, root, "deployments", node => ReadList(node, "'deployments'", "deployment", deployments, ReadDeployment));
        ReadSection(fields, root, "paths", node => ReadList(node, "'paths'", "path", paths, ReadPath));
        CheckReplicas(deployments);

        return name is null || profiles.Count == 0
            ? null
            : new WorldDefinition(name, context.File, profiles.AsReadOnly(), probes.AsReadOnly(), deployments.AsReadOnly(), paths.AsReadOnly());
    }

    private void ReadSection(Dictionary<string, YamlNode> fields, YamlMappingNode root, string key, Action<YamlNode> read)
    {
        if (fields.TryGetValue(key, out var node)) read(node);
        else context.Error(root, $"the world is missing '{key}'");
    }

    private void ReadProfiles(YamlNode node, List<ProfileDefinition> profiles)
    {
        var map = context.Mapping(node, "'profiles'");
        if (map is null) return;
        if (map.Children.Count == 0)
        {
            context.Error(node, "'profiles' needs at least one profile, e.g. typical: \"what it models\"");
            return;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value?.Trim();
            if (name is null || !CheckName(name, keyNode, "profile")) continue;
            declaredProfiles.Add(name);
            var description = context.Scalar(valueNode, name);
            if (description is not null) profiles.Add(new ProfileDefinition(name, description.Trim(), context.At(keyNode)));
        }
    }

    private void ReadList<T>(YamlNode node, string what, string item, List<T> into, Func<YamlNode, Dictionary<string, int>, T?> read)
        where T : class
    {
        var sequence = context.Sequence(node, what);
        if (sequence is null) return;
        if (sequence.Children.Count == 0)
        {
            context.Error(node, $"{what} needs at least one {item}");
            return;
        }

        var firstLineByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var child in sequence.Children)
        {
            if (read(child, firstLineByName) is { } value) into.Add(value);
        }
    }

    private ProbeDefinition? ReadProbe(YamlNode node, Dictionary<string, int> firstLineByName)
    {
        var map = context.Mapping(node, "a probe");
        if (map is null) return null;
        var fields = context.Fields(map, ProbeKeys);
        var name = ReadUniqueName(fields, "name", map, "probe", firstLineByName, declaredProbes);
        var country = ReadCountry(fields, map, $"probe '{name}'", "country", WorldCountries.ProbeCountries,
            "has no mobile last-mile row in the calibration data, so it cannot be a probe country");
        var city = context.Required(fields, "city", map, $"probe '{name}'");

        CitedValue? rtt = null, down = null, up = null;
        RadioModel? radio = null;
        if (!fields.TryGetValue("last_mile", out var lastMileNode))
        {
            context.Error(map, $"probe '{name}' is missing 'last_mile' (rtt_ms, down_mbps, up_mbps)");
        }
        else if (context.Mapping(lastMileNode, "'last_mile'") is { } lastMile)
        {
            var lm = context.Fields(lastMile, LastMileKeys);
            rtt = RequiredCited(lm, "rtt_ms", lastMile, "'last_mile'", Bound.NonNegative);
            down = RequiredCited(lm, "down_mbps", lastMile, "'last_mile'", Bound.Positive);
            up = RequiredCited(lm, "up_mbps", lastMile, "'last_mile'", Bound.Positive);
            radio = OptionalRadio(lm);
        }

        var coordinates = OptionalCoordinates(fields);
        return name is not null && country is not null && city is not null && rtt is not null && down is not null && up is not null
            ? new ProbeDefinition(name, country, city, rtt, down, up, context.At(map), coordinates, radio)
            : null;
    }

    private DeploymentDefinition? ReadDeployment(YamlNode node, Dictionary<string, int> firstLineByName)
    {
        var map = context.Mapping(node, "a deployment");
        if (map is null) return null;
        var fields = context.Fields(map, DeploymentKeys);
        var name = ReadUniqueName(fields, "name", map, "deployment", firstLineByName, declaredDeployments);
        var site = context.Required(fields, "site", map, $"deployment '{name}'");
        var serves = ReadCountry(fields, map, $"deployment '{name}'", "serves", WorldCountries.Known, null);

        DeploymentRole? role = null;
        var roleText = context.Required(fields, "role", map, $"deployment '{name}'");
        if (roleText is not null)
        {
            role = roleText switch { "origin" => DeploymentRole.Origin, "in-region" => DeploymentRole.InRegion, _ => null };
            if (role is null) context.Error(fields["role"], $"unknown role '{roleText}' (use {string.Join(" or ", Roles)})");
        }

        IReadOnlyList<string> http = HttpVersions;
        if (fields.TryGetValue("http", out var httpNode) && context.Sequence(httpNode, "'http'") is { } httpList)
        {
            var versions = new List<string>();
            foreach (var item in httpList.Children)
            {
                var version = context.Scalar(item, "http")?.Trim();
                if (version is null) continue;
                if (!HttpVersions.Contains(version)) context.Error(item, $"'http' versions must be \"1.1\" or \"2\" (got '{version}')");
                else if (!versions.Contains(version)) versions.Add(version);
            }

            if (httpList.Children.Count == 0) context.Error(httpNode, "'http' needs at least one version (\"1.1\", \"2\")");
            http = versions.AsReadOnly();
        }

        string? source = null;
        if (fields.ContainsKey("source")) source = context.Required(fields, "source", map, $"deployment '{name}'");
        var coordinates = OptionalCoordinates(fields);

        var residency = new Residency.ResidencyYaml(context);
        var jurisdiction = fields.TryGetValue("jurisdiction", out var jurisdictionNode) ? residency.Jurisdiction(jurisdictionNode, "jurisdiction") : null;
        var replicas = fields.TryGetValue("replicates_to", out var replicasNode) && name is not null ? residency.Replicas(replicasNode, name) : [];
        var ok = (!fields.ContainsKey("jurisdiction") || jurisdiction is not null) && replicas is not null;
        return name is not null && site is not null && serves is not null && role is not null && ok
            ? new DeploymentDefinition(name, site, role.Value, serves, http, source, context.At(map), coordinates)
            {
                Jurisdiction = jurisdiction?.Code,
                JurisdictionCitation = jurisdiction?.Citation ?? string.Empty,
                ReplicatesTo = replicas!,
            }
            : null;
    }

    // Replicas may name deployments declared further down, so they are checked once all are read.
    private void CheckReplicas(List<DeploymentDefinition> deployments)
    {
        foreach (var replica in deployments.SelectMany(d => d.ReplicatesTo))
        {
            if (declaredDeployments.Contains(replica.To)) continue;
            var closest = KeySuggester.Closest(replica.To, declaredDeployments);
            context.Error(replica.Location ?? context.At(1), closest is null
                ? $"deployment '{replica.From}' replicates to '{replica.To}', which is not defined (deployments: {string.Join(", ", declaredDeployments.Distinct())})"
                : $"deployment '{replica.From}' replicates to '{replica.To}', which is not defined (did you mean '{closest}'?)");
        }
    }

    private PathDefinition? ReadPath(YamlNode node, Dictionary<string, int> firstLineByPair)
    {
        var map = context.Mapping(node, "a path");
        if (map is null) return null;
        var fields = context.Fields(map, PathKeys);
        var probe = ReadReference(fields, "probe", map, declaredProbes);
        var deployment = ReadReference(fields, "deployment", map, declaredDeployments);
        var ok = probe is not null && deployment is not null;
        var what = $"path {probe ?? "?"} -> {deployment ?? "?"}";
        if (ok)
        {
            var line = context.At(map).Line;
            if (!firstLineByPair.TryAdd($"{probe} -> {deployment}", line))
            {
                context.Error(map, $"duplicate {what} (first defined on line {firstLineByPair[$"{probe} -> {deployment}"]})");
                ok = false;
            }
        }

        var parameters = ReadParameters(fields);
        if (parameters.RttMs is null && !fields.ContainsKey("rtt_ms"))
        {
            context.Error(map, $"{what} is missing 'rtt_ms' (the backbone round trip, last mile excluded)");
            ok = false;
        }

        var overrides = new Dictionary<string, PathParameters>(StringComparer.Ordinal);
        if (fields.TryGetValue("profiles", out var profilesNode) && context.Mapping(profilesNode, "a path's 'profiles'") is { } profilesMap)
        {
            foreach (var (keyNode, valueNode) in profilesMap.Children)
            {
                var profile = (keyNode as YamlScalarNode)?.Value?.Trim() ?? string.Empty;
                if (!declaredProfiles.Contains(profile))
                {
                    var closest = KeySuggester.Closest(profile, declaredProfiles);
                    context.Error(keyNode, closest is null
                        ? $"profile '{profile}' is not declared in 'profiles' (profiles: {string.Join(", ", declaredProfiles)})"
                        : $"profile '{profile}' is not declared in 'profiles' (did you mean '{closest}'?)");
                    continue;
                }

                if (context.Mapping(valueNode, $"profile '{profile}' of {what}") is { } overrideMap)
                {
                    overrides[profile] = ReadParameters(context.Fields(overrideMap, ParameterKeys));
                }
            }
        }

        string? note = null;
        if (fields.TryGetValue("note", out var noteNode)) note = context.Scalar(noteNode, "note")?.Trim();

        return ok && parameters.RttMs is not null
            ? new PathDefinition(probe!, deployment!, parameters, new ReadOnlyDictionary<string, PathParameters>(overrides), note, context.At(map))
            : null;
    }

    private PathParameters ReadParameters(Dictionary<string, YamlNode> fields) => new()
    {
        RttMs = OptionalCited(fields, "rtt_ms", Bound.NonNegative),
        JitterMs = OptionalCited(fields, "jitter_ms", Bound.NonNegative),
        LossUpPct = OptionalCited(fields, "loss_up_pct", Bound.Percentage),
        LossDownPct = OptionalCited(fields, "loss_down_pct", Bound.Percentage),
        BurstLossUp = OptionalBurst(fields, "burst_loss_up"),
        BurstLossDown = OptionalBurst(fields, "burst_loss_down"),
        BandwidthUpMbps = OptionalCited(fields, "bandwidth_up_mbps", Bound.Positive),
        BandwidthDownMbps = OptionalCited(fields, "bandwidth_down_mbps", Bound.Positive),
    };

    private enum Bound
    {
        NonNegative,
        Positive,
        Percentage,
        Fraction,
    }

    private CitedValue? RequiredCited(Dictionary<string, YamlNode> fields, string key, YamlNode owner, string ownerDescription, Bound bound)
    {
        if (fields.ContainsKey(key)) return OptionalCited(fields, key, bound);
        context.Error(owner, $"{ownerDescription} is missing '{key}'");
        return null;
    }

    /// <summary>A <c>{ value: N, source: "..." }</c> (or <c>assumption:</c>) number, checked against its bound.</summary>
    private CitedValue? OptionalCited(Dictionary<string, YamlNode> fields, string key, Bound bound)
    {
        if (!fields.TryGetValue(key, out var node)) return null;
        if (node is YamlScalarNode scalar)
        {
            // The one rule that makes a world file trustworthy: no bare numbers.
            context.Error(node, $"'{key}' needs a source or an assumption: write {{ value: {scalar.Value}, source: \"file, row, figure\" }} or {{ value: {scalar.Value}, assumption: \"the rule used\" }}");
            return null;
        }

        var map = context.Mapping(node, $"'{key}'");
        if (map is null) return null;
        var cited = context.Fields(map, CitedKeys);
        var (source, assumption) = ReadCitation(cited, map, key);
        if (!cited.TryGetValue("value", out var valueNode))
        {
            context.Error(map, $"'{key}' is missing 'value'");
            return null;
        }

        if (!context.TryNumber(valueNode, key, out var value)) return null;
        var problem = bound switch
        {
            Bound.NonNegative when value < 0 => "must be >= 0",
            Bound.Positive when value <= 0 => "must be > 0",
            Bound.Percentage when value is < 0 or > 100 => "must be between 0 and 100 (a percentage)",
            Bound.Fraction when value is < 0 or > 1 => "must be between 0 and 1 (a share)",
            _ => null,
        };
        if (problem is not null)
        {
            context.Error(valueNode, $"'{key}' {problem} (got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            return null;
        }

        return source is null && assumption is null ? null : new CitedValue(value, source, assumption, context.At(valueNode));
    }

    /// <summary>
    /// A <c>location: { lat: N, lon: N, source: "..." }</c> (or <c>assumption:</c>): coordinates are numbers like any
    /// other in a world file, so they need a citation too, and a latitude of 190 is a typo, not a place.
    /// </summary>
    private CitedCoordinates? OptionalCoordinates(Dictionary<string, YamlNode> fields)
    {
        if (!fields.TryGetValue("location", out var node)) return null;
        var map = context.Mapping(node, "'location'");
        if (map is null) return null;
        var location = context.Fields(map, LocationKeys);
        var (source, assumption) = ReadCitation(location, map, "location");
        var latitude = Degrees(location, map, "lat", 90);
        var longitude = Degrees(location, map, "lon", 180);
        return latitude is { } lat && longitude is { } lon && (source is not null || assumption is not null)
            ? new CitedCoordinates(lat, lon, source, assumption, context.At(map))
            : null;
    }

    private double? Degrees(Dictionary<string, YamlNode> fields, YamlMappingNode owner, string key, double limit)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            context.Error(owner, $"'location' is missing '{key}' (decimal degrees)");
            return null;
        }

        if (!context.TryNumber(node, key, out var value)) return null;
        if (Math.Abs(value) <= limit) return value;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        context.Error(node, $"'{key}' must be between -{limit.ToString(invariant)} and {limit.ToString(invariant)} degrees (got {value.ToString(invariant)})");
        return null;
    }

    private CitedBurstLoss? OptionalBurst(Dictionary<string, YamlNode> fields, string key)
    {
        if (!fields.TryGetValue(key, out var node)) return null;
        var map = context.Mapping(node, $"'{key}'");
        if (map is null) return null;
        var burst = context.Fields(map, BurstKeys);
        var (source, assumption) = ReadCitation(burst, map, key);
        var probabilities = new double[4];
        var ok = source is not null || assumption is not null;
        for (var i = 0; i < 4; i++)
        {
            var name = BurstKeys[i];
            if (!burst.TryGetValue(name, out var valueNode))
            {
                context.Error(map, $"'{key}' is missing '{name}' (a probability from 0 to 1)");
                ok = false;
            }
            else if (!context.TryNumber(valueNode, name, out probabilities[i]))
            {
                ok = false;
            }
            else if (probabilities[i] is < 0 or > 1)
            {
                context.Error(valueNode, $"'{name}' must be a probability from 0 to 1 (got {probabilities[i].ToString(System.Globalization.CultureInfo.InvariantCulture)})");
                ok = false;
            }
        }

        return ok
            ? new CitedBurstLoss(new GilbertElliott(probabilities[0], probabilities[1], probabilities[2], probabilities[3]), source, assumption, context.At(map))
            : null;
    }

    private (string? Source, string? Assumption) ReadCitation(Dictionary<string, YamlNode> fields, YamlMappingNode map, string key)
    {
        string? source = null, assumption = null;
        if (fields.ContainsKey("source")) source = context.Required(fields, "source", map, $"'{key}'");
        if (fields.ContainsKey("assumption")) assumption = context.Required(fields, "assumption", map, $"'{key}'");
        if (!fields.ContainsKey("source") && !fields.ContainsKey("assumption"))
        {
            context.Error(map, $"'{key}' needs 'source' (the data row it comes from) or 'assumption' (the rule used to derive it)");
        }

        return (source, assumption);
    }

    private string? ReadCountry(Dictionary<string, YamlNode> fields, YamlMappingNode owner, string ownerDescription, string key, IReadOnlyList<string> allowed, string? notAllowedReason)
    {
        var code = context.Required(fields, key, owner, ownerDescription);
        if (code is null) return null;
        if (!WorldCountries.Known.Contains(code))
        {
            var closest = KeySuggester.Closest(code, WorldCountries.Known.Select(c => c.ToLowerInvariant()));
            context.Error(fields[key], closest is null
                ? $"unknown country '{code}' (known: {string.Join(", ", WorldCountries.Known)})"
                : $"unknown country '{code}' (did you mean '{closest.ToUpperInvariant()}'?)");
            return null;
        }

        if (!allowed.Contains(code))
        {
            context.Error(fields[key], $"country '{code}' {notAllowedReason} (probe countries: {string.Join(", ", allowed)})");
            return null;
        }

        return code;
    }

    private string? ReadUniqueName(Dictionary<string, YamlNode> fields, string key, YamlMappingNode owner, string what, Dictionary<string, int> firstLineByName, List<string> declared)
    {
        var name = context.Required(fields, key, owner, $"a {what}");
        if (name is null) return null;
        var node = fields[key];
        declared.Add(name);
        if (!CheckName(name, node, what)) return null;
        var line = context.At(node).Line;
        if (!firstLineByName.TryAdd(name, line))
        {
            context.Error(node, $"duplicate {what} name '{name}' (first defined on line {firstLineByName[name]})");
            return null;
        }

        return name;
    }

    private bool CheckName(string name, YamlNode node, string what)
    {
        if (NamePattern().IsMatch(name)) return true;
        context.Error(node, $"{what} name '{name}' may only contain lower-case letters, digits and '-' (it names a network namespace)");
        return false;
    }

    private string? ReadReference(Dictionary<string, YamlNode> fields, string key, YamlMappingNode owner, List<string> declared)
    {
        var name = context.Required(fields, key, owner, "a path");
        if (name is null) return null;
        if (declared.Contains(name)) return name;
        var closest = KeySuggester.Closest(name, declared);
        context.Error(fields[key], closest is null
            ? $"{key} '{name}' is not defined ({key}s: {(declared.Count == 0 ? "none" : string.Join(", ", declared.Distinct()))})"
            : $"{key} '{name}' is not defined (did you mean '{closest}'?)");
        return null;
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
