using System.Collections.ObjectModel;
using System.Globalization;
using Latency.Scenarios.Residency;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;
using YamlDotNet.RepresentationModel;

namespace Latency.Scenarios.Studies;

/// <summary>
/// Reads the <c>study:</c> section of a suite into a <see cref="StudyDefinition"/>, recording every problem in the
/// suite's <see cref="YamlContext"/>. Workload files are read here too (relative to the suite's folder); their own
/// errors are reported with their own file and line, listed at the suite line that names them.
/// </summary>
internal sealed class StudyReader(YamlContext context)
{
    private static readonly string[] StudyKeys =
        ["world", "profile", "duration", "seed", "compare", "roles", "workloads", "endpoints", "thresholds", "max_error_rate", "precision", "practical_difference", "radio", "residency"];
    private static readonly string[] ResidencyKeys = ["forbidden", "jurisdictions", "replicates_to"];
    private static readonly string[] CompareKeys = ["probe", "deployments"];
    private static readonly string[] WorkloadKeys = ["file", "sessions_per_minute", "max_sessions_per_minute"];
    private static readonly TimeSpan LongestDuration = TimeSpan.FromHours(24);

    // False when a workload entry failed to load: a threshold naming it must not also be told it does not exist.
    private bool allWorkloadsLoaded = true;

    // Endpoint names written, valid URL or not: a deployment whose URL is bad must not also be told it has none.
    private readonly HashSet<string> declaredEndpoints = new(StringComparer.Ordinal);

    private string BaseDirectory
    {
        get
        {
            var directory = Path.GetDirectoryName(context.File);
            return string.IsNullOrEmpty(directory) ? Directory.GetCurrentDirectory() : directory;
        }
    }

    /// <summary>The study, or null when it is too broken to build; either way check the context's errors.</summary>
    public StudyDefinition? Read(YamlNode node)
    {
        var map = context.Mapping(node, "'study'");
        if (map is null) return null;
        var fields = context.Fields(map, StudyKeys);
        var ok = true;

        var worldSource = StudyWorldSource.Builtin;
        string? worldPath = null;
        if (fields.TryGetValue("world", out var worldNode))
        {
            var world = context.Required(fields, "world", map, "the study");
            switch (world)
            {
                case null: ok = false; break;
                case StudyDefinition.BuiltinWorld: break;
                case StudyDefinition.NoWorld: worldSource = StudyWorldSource.None; break;
                default:
                    worldSource = StudyWorldSource.File;
                    worldPath = Path.GetFullPath(Path.Combine(BaseDirectory, world));
                    if (!File.Exists(worldPath))
                    {
                        context.Error(worldNode, $"world file '{world}' not found ({worldPath}); use builtin, none or the path of a world file");
                        ok = false;
                    }

                    break;
            }
        }

        string? profile = null;
        if (fields.ContainsKey("profile"))
        {
            profile = context.Required(fields, "profile", map, "the study");
            if (profile is not null && worldSource == StudyWorldSource.None)
            {
                context.Error(fields["profile"], "'profile' is only for emulated worlds (world: none has no network to shape)");
                ok = false;
            }
        }

        var duration = TimeSpan.Zero;
        if (!fields.TryGetValue("duration", out var durationNode))
        {
            context.Error(map, "the study is missing 'duration' (how long sessions arrive at each probe, e.g. 4m)");
            ok = false;
        }
        else if (!context.TryDuration(durationNode, "duration", out duration)) ok = false;
        else if (duration <= TimeSpan.Zero || duration > LongestDuration)
        {
            context.Error(durationNode, "'duration' must be > 0 and at most 24h");
            ok = false;
        }

        var seed = StudyDefinition.DefaultSeed;
        if (fields.TryGetValue("seed", out var seedNode) && !context.TryInt32(seedNode, "seed", out seed)) ok = false;

        var endpoints = ReadEndpoints(fields, worldSource, ref ok);
        var roles = ReadRoles(fields, ref ok);
        var compare = ReadCompare(fields, map, ref ok);
        var workloads = ReadWorkloads(fields, map, roles, ref ok);

        if (worldSource == StudyWorldSource.None)
        {
            // Real endpoints: every deployment the sessions reach needs a URL.
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (deployment, location) in compare.SelectMany(c => c.Deployments.Select(d => (d, c.Location)))
                         .Concat(roles.Select(r => (r.Deployment, r.Location))))
            {
                if (declaredEndpoints.Contains(deployment) || !reported.Add(deployment)) continue;
                context.Error(location!, $"deployment '{deployment}' has no endpoint (with world: none, 'endpoints' needs a base URL for every deployment)");
                ok = false;
            }
        }

        var residencyThresholds = new List<ResidencyThreshold>();
        var thresholds = ReadThresholds(fields, workloads, residencyThresholds, ref ok);
        var residency = ReadResidency(fields, compare, roles, ref ok);
        var maxErrorRate = StudyDefinition.DefaultMaxErrorRate;
        if (fields.TryGetValue("max_error_rate", out var rateNode) && !context.TryShare(rateNode, "max_error_rate", out maxErrorRate)) ok = false;
        var practicalDifference = StudyDefinition.DefaultPracticalDifference;
        if (fields.TryGetValue("practical_difference", out var practicalNode) && !context.TryShare(practicalNode, "practical_difference", out practicalDifference)) ok = false;
        double? precision = null;
        if (fields.TryGetValue("precision", out var precisionNode))
        {
            if (!context.TryShare(precisionNode, "precision", out var share)) ok = false;
            else if (share <= 0)
            {
                context.Error(precisionNode, "'precision' must be above 0% (the widest p50-gain interval accepted, as a share of the gain, e.g. 15%)");
                ok = false;
            }
            else precision = share;
        }

        var radio = true;
        if (fields.TryGetValue("radio", out var radioNode) && context.Scalar(radioNode, "radio")?.Trim() is { } radioText)
        {
            if (radioText is "on" or "off") radio = radioText == "on";
            else
            {
                context.Error(radioNode, $"'radio' must be on or off (got '{radioText}')");
                ok = false;
            }
        }

        return ok
            ? new StudyDefinition(worldSource, worldPath, profile, duration, seed, compare, roles, workloads,
                new ReadOnlyDictionary<string, Uri>(endpoints), thresholds, context.At(map)) { MaxErrorRate = maxErrorRate, PracticalDifference = practicalDifference, Precision = precision, Radio = radio,
                Residency = residency,
                ResidencyThresholds = residencyThresholds,
            }
            : null;
    }

    private Dictionary<string, Uri> ReadEndpoints(Dictionary<string, YamlNode> fields, StudyWorldSource worldSource, ref bool ok)
    {
        var endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (!fields.TryGetValue("endpoints", out var node))
        {
            return endpoints;
        }

        if (worldSource != StudyWorldSource.None)
        {
            context.Error(node, "'endpoints' is only for world: none (an emulated world serves its own deployments)");
            ok = false;
            return endpoints;
        }

        var map = context.Mapping(node, "'endpoints'");
        if (map is null)
        {
            ok = false;
            return endpoints;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name } || !SuiteNames.IsValid(name))
            {
                context.Error(keyNode, "deployment names under 'endpoints' may only contain letters, digits, '_', '.' and '-'");
                ok = false;
                continue;
            }

            declaredEndpoints.Add(name);
            var text = context.Scalar(valueNode, name)?.Trim();
            if (text is null)
            {
                ok = false;
                continue;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                context.Error(valueNode, $"endpoint '{name}' must be an absolute http or https URL (got '{text}')");
                ok = false;
                continue;
            }

            if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                context.Error(valueNode, $"endpoint '{name}' must not have a query or fragment (got '{text}')");
                ok = false;
                continue;
            }

            endpoints[name] = uri;
        }

        return endpoints;
    }

    private List<StudyRole> ReadRoles(Dictionary<string, YamlNode> fields, ref bool ok)
    {
        var roles = new List<StudyRole>();
        if (!fields.TryGetValue("roles", out var node)) return roles;
        var map = context.Mapping(node, "'roles'");
        if (map is null)
        {
            ok = false;
            return roles;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var role = (keyNode as YamlScalarNode)?.Value?.Trim();
            if (string.IsNullOrEmpty(role) || !WorkloadReader.WorkloadNamePattern().IsMatch(role))
            {
                context.Error(keyNode, "role names may only contain lower-case letters, digits and '-'");
                ok = false;
                continue;
            }

            if (role == WorkloadRequest.ServiceRole)
            {
                context.Error(keyNode, "role 'service' is always the deployment under test and cannot be mapped");
                ok = false;
                continue;
            }

            var deployment = context.Scalar(valueNode, role)?.Trim();
            if (string.IsNullOrEmpty(deployment) || !SuiteNames.IsValid(deployment))
            {
                if (deployment is not null) context.Error(valueNode, $"role '{role}' must name a deployment (got '{deployment}')");
                ok = false;
                continue;
            }

            roles.Add(new StudyRole(role, deployment, context.At(keyNode)));
        }

        return roles;
    }

    private List<CompareEntry> ReadCompare(Dictionary<string, YamlNode> fields, YamlMappingNode study, ref bool ok)
    {
        var comparisons = new List<CompareEntry>();
        if (!fields.TryGetValue("compare", out var node))
        {
            context.Error(study, "a study needs at least one probe to compare from (add 'compare: [ { probe: ..., deployments: [origin, candidate] } ]')");
            ok = false;
            return comparisons;
        }

        var sequence = context.Sequence(node, "'compare'");
        if (sequence is null)
        {
            ok = false;
            return comparisons;
        }

        if (sequence.Children.Count == 0)
        {
            context.Error(node, "a study needs at least one probe to compare from");
            ok = false;
            return comparisons;
        }

        var firstLineByProbe = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            var comparison = ReadComparison(item, firstLineByProbe);
            if (comparison is null) ok = false;
            else comparisons.Add(comparison);
        }

        return comparisons;
    }

    private CompareEntry? ReadComparison(YamlNode node, Dictionary<string, int> firstLineByProbe)
    {
        var map = context.Mapping(node, "a compare entry");
        if (map is null) return null;
        var fields = context.Fields(map, CompareKeys);
        var probe = context.Required(fields, "probe", map, "a compare entry");
        var ok = probe is not null;
        if (probe is not null && !SuiteNames.IsValid(probe))
        {
            context.Error(fields["probe"], SuiteNames.Problem("probe name", probe));
            ok = false;
        }
        else if (probe is not null && !firstLineByProbe.TryAdd(probe, context.At(fields["probe"]).Line))
        {
            context.Error(fields["probe"], $"probe '{probe}' is compared twice (first on line {firstLineByProbe[probe]})");
            ok = false;
        }

        var deployments = new List<string>();
        if (!fields.TryGetValue("deployments", out var deploymentsNode))
        {
            context.Error(map, $"probe '{probe}' is missing 'deployments' (the origin first, then the in-region candidates)");
            return null;
        }

        var sequence = context.Sequence(deploymentsNode, "'deployments'");
        if (sequence is null) return null;
        foreach (var item in sequence.Children)
        {
            var deployment = context.Scalar(item, "deployment")?.Trim();
            if (string.IsNullOrEmpty(deployment) || !SuiteNames.IsValid(deployment))
            {
                if (deployment is not null) context.Error(item, SuiteNames.Problem("deployment name", deployment));
                ok = false;
            }
            else if (deployments.Contains(deployment))
            {
                context.Error(item, $"probe '{probe}': deployment '{deployment}' is listed twice");
                ok = false;
            }
            else
            {
                deployments.Add(deployment);
            }
        }

        if (sequence.Children.Count < 2)
        {
            context.Error(deploymentsNode, $"probe '{probe}' compares {sequence.Children.Count} deployment(s); a comparison needs at least 2 (the origin first, then the in-region candidates)");
            ok = false;
        }

        return ok ? new CompareEntry(probe!, deployments.AsReadOnly(), context.At(map)) : null;
    }

    private List<StudyWorkload> ReadWorkloads(Dictionary<string, YamlNode> fields, YamlMappingNode study, List<StudyRole> roles, ref bool ok)
    {
        var workloads = new List<StudyWorkload>();
        if (!fields.TryGetValue("workloads", out var node))
        {
            context.Error(study, "the study is missing 'workloads' (e.g. - { file: ../workloads/app-cold-start.yaml, sessions_per_minute: 6 })");
            ok = false;
            return workloads;
        }

        var sequence = context.Sequence(node, "'workloads'");
        if (sequence is null)
        {
            ok = false;
            return workloads;
        }

        if (sequence.Children.Count == 0)
        {
            context.Error(node, "a study needs at least one workload");
            ok = false;
            return workloads;
        }

        var firstLineByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            var workload = ReadWorkload(item, roles, firstLineByName);
            if (workload is null) ok = allWorkloadsLoaded = false;
            else workloads.Add(workload);
        }

        return workloads;
    }

    private StudyWorkload? ReadWorkload(YamlNode node, List<StudyRole> roles, Dictionary<string, int> firstLineByName)
    {
        var map = context.Mapping(node, "a study workload");
        if (map is null) return null;
        var fields = context.Fields(map, WorkloadKeys);
        var ok = true;

        var rate = 0.0;
        if (!fields.TryGetValue("sessions_per_minute", out var rateNode))
        {
            context.Error(map, "a study workload is missing 'sessions_per_minute' (mean session arrivals per minute at each probe)");
            ok = false;
        }
        else if (!context.TryNumber(rateNode, "sessions_per_minute", out rate)) ok = false;
        else if (rate <= 0)
        {
            context.Error(rateNode, $"'sessions_per_minute' must be > 0 (got {rate.ToString(CultureInfo.InvariantCulture)})");
            ok = false;
        }

        double? maxRate = null;
        if (fields.TryGetValue("max_sessions_per_minute", out var maxNode))
        {
            if (!context.TryNumber(maxNode, "max_sessions_per_minute", out var max)) ok = false;
            else if (rate > 0 && max < rate)
            {
                context.Error(maxNode, $"'max_sessions_per_minute' must be at least 'sessions_per_minute' ({rate.ToString(CultureInfo.InvariantCulture)}; got {max.ToString(CultureInfo.InvariantCulture)})");
                ok = false;
            }
            else maxRate = max;
        }

        var file = context.Required(fields, "file", map, "a study workload");
        if (file is null) return null;
        var fileNode = fields["file"];
        var path = Path.GetFullPath(Path.Combine(BaseDirectory, file));
        if (!File.Exists(path))
        {
            context.Error(fileNode, $"workload file '{file}' not found ({path})");
            return null;
        }

        WorkloadDefinition workload;
        try
        {
            workload = WorkloadLoader.Load(path);
        }
        catch (InputValidationException ex)
        {
            context.Include(fileNode, ex.Errors);
            return null;
        }

        var line = context.At(map).Line;
        if (!firstLineByName.TryAdd(workload.Name, line))
        {
            context.Error(fileNode, $"workload '{workload.Name}' is listed twice (first on line {firstLineByName[workload.Name]})");
            ok = false;
        }

        foreach (var role in workload.Roles.Where(r => r != WorkloadRequest.ServiceRole).Order(StringComparer.Ordinal))
        {
            if (roles.Any(r => r.Role == role)) continue;
            var mapped = roles.Count == 0 ? "none" : string.Join(", ", roles.Select(r => r.Role));
            context.Error(map, $"workload {workload.Name}: role '{role}' is not mapped to a deployment (roles: {mapped})");
            ok = false;
        }

        return ok ? new StudyWorkload(path, workload, rate, context.At(map)) { MaxSessionsPerMinute = maxRate } : null;
    }

    private List<ThresholdDefinition> ReadThresholds(Dictionary<string, YamlNode> fields, List<StudyWorkload> workloads,
        List<ResidencyThreshold> residencyThresholds, ref bool ok)
    {
        var thresholds = new List<ThresholdDefinition>();
        if (!fields.TryGetValue("thresholds", out var node)) return thresholds;
        var sequence = context.Sequence(node, "'thresholds'");
        if (sequence is null)
        {
            ok = false;
            return thresholds;
        }

        foreach (var item in sequence.Children)
        {
            var text = context.Scalar(item, "threshold");
            if (text is null)
            {
                ok = false;
                continue;
            }

            if (ResidencyThreshold.IsWritten(text))
            {
                if (ResidencyThresholdParser.TryParse(text, out var residency, out var residencyError))
                {
                    residencyThresholds.Add(residency with { Location = context.At(item) });
                }
                else
                {
                    context.Error(item, $"threshold '{text}': {residencyError}");
                    ok = false;
                }

                continue;
            }

            if (!ThresholdParser.TryParse(text, out var threshold, out var error))
            {
                context.Error(item, $"threshold '{text}': {error}");
                ok = false;
                continue;
            }

            // The prefix names a workload: its sessions' latency. Workloads that failed to load are already reported.
            if (threshold.Step is not null && allWorkloadsLoaded && !workloads.Any(w => w.Workload.Name == threshold.Step))
            {
                context.Error(item, $"threshold '{text}': workload '{threshold.Step}' is not in this study (workloads: {string.Join(", ", workloads.Select(w => w.Workload.Name))})");
                ok = false;
                continue;
            }

            thresholds.Add(threshold with { Location = context.At(item) });
        }

        return thresholds;
    }

    private StudyResidencyDefinition ReadResidency(Dictionary<string, YamlNode> fields, List<CompareEntry> compare, List<StudyRole> roles, ref bool ok)
    {
        if (!fields.TryGetValue("residency", out var node)) return StudyResidencyDefinition.None;
        var map = context.Mapping(node, "'residency'");
        if (map is null)
        {
            ok = false;
            return StudyResidencyDefinition.None;
        }

        var section = context.Fields(map, ResidencyKeys);
        var residency = new ResidencyYaml(context);
        var used = compare.SelectMany(c => c.Deployments).Concat(roles.Select(r => r.Deployment)).ToHashSet(StringComparer.Ordinal);
        List<string>? forbidden = null;
        if (section.TryGetValue("forbidden", out var forbiddenNode) && context.Sequence(forbiddenNode, "'forbidden'") is { } forbiddenList)
        {
            forbidden = [];
            foreach (var item in forbiddenList.Children)
            {
                var code = context.Scalar(item, "forbidden")?.Trim();
                if (code is null) ok = false;
                else if (!Jurisdictions.IsCode(code))
                {
                    context.Error(item, Jurisdictions.Problem("forbidden", code));
                    ok = false;
                }
                else if (!forbidden.Contains(code)) forbidden.Add(code);
            }
        }
        else if (forbiddenNode is not null) ok = false;

        var jurisdictions = new Dictionary<string, (string Code, SourceLocation Location)>(StringComparer.Ordinal);
        if (section.TryGetValue("jurisdictions", out var jurisdictionsNode) && context.Mapping(jurisdictionsNode, "'jurisdictions'") is { } jurisdictionMap)
        {
            foreach (var (keyNode, valueNode) in jurisdictionMap.Children)
            {
                var deployment = (keyNode as YamlScalarNode)?.Value?.Trim() ?? string.Empty;
                if (residency.Jurisdiction(valueNode, deployment) is { } code) jurisdictions[deployment] = (code.Code, context.At(keyNode));
                else ok = false;
            }
        }
        else if (jurisdictionsNode is not null) ok = false;

        var replication = new List<ReplicationDefinition>();
        if (section.TryGetValue("replicates_to", out var replicationNode) && context.Mapping(replicationNode, "'replicates_to'") is { } replicationMap)
        {
            foreach (var (keyNode, valueNode) in replicationMap.Children)
            {
                var from = (keyNode as YamlScalarNode)?.Value?.Trim() ?? string.Empty;
                if (!used.Contains(from))
                {
                    context.Error(keyNode, $"residency: '{from}' replicates, but the study's sessions never reach it (deployments: {string.Join(", ", used)})");
                    ok = false;
                    continue;
                }

                if (residency.Replicas(valueNode, from) is { } replicas) replication.AddRange(replicas);
                else ok = false;
            }
        }
        else if (replicationNode is not null) ok = false;

        return new StudyResidencyDefinition(forbidden, jurisdictions, replication, context.At(map));
    }
}
