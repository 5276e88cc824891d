using System.Globalization;
using System.Text.RegularExpressions;
using Latency.Scenarios.Suites;
using YamlDotNet.RepresentationModel;

namespace Latency.Scenarios.Workloads;

/// <summary>
/// Turns the text of a workload file into a <see cref="WorkloadDefinition"/>, recording every problem in the
/// <see cref="YamlContext"/> and carrying on, so a file with five mistakes gets five errors in one run.
/// </summary>
internal sealed partial class WorkloadReader(YamlContext context)
{
    private static readonly string[] RootKeys = ["version", "name", "description", "http", "connection", "replay", "idle_before", "steps"];
    private static readonly string[] IdleBeforeKeys = ["min", "max", "mean"];
    private static readonly string[] StepKinds = ["request", "parallel", "think"];
    private static readonly string[] RequestKeys = ["name", "method", "role", "path", "request_bytes", "response_bytes", "server_ms", "at"];
    private static readonly string[] ParallelKeys = ["name", "requests"];
    private static readonly string[] HttpVersions = ["1.1", "2"];

    // Requests and parallel groups share one namespace: both name a step in results.
    private readonly Dictionary<string, int> firstLineByName = new(StringComparer.Ordinal);
    private bool replay;

    /// <summary>The workload, or null when the text is too broken to build one; either way check the context's errors.</summary>
    public WorkloadDefinition? Read(string yamlText)
    {
        var document = context.LoadSingleDocument(yamlText, "a workload needs 'version: 1', 'description' and 'steps'", "workload");
        if (document is null) return null;

        var root = context.Mapping(document, "the top level of a workload");
        if (root is null) return null;
        var fields = context.Fields(root, RootKeys);

        ReadVersion(root, fields);
        var name = ReadWorkloadName(root, fields);
        string? description = null;
        if (fields.ContainsKey("description")) description = context.Required(fields, "description", root, "the workload");
        else context.Error(root, "the workload is missing 'description' (say what it models)");

        var http = WorkloadDefinition.DefaultHttpVersion;
        if (fields.TryGetValue("http", out var httpNode) && context.Scalar(httpNode, "http")?.Trim() is { } httpText)
        {
            if (HttpVersions.Contains(httpText)) http = httpText;
            else context.Error(httpNode, $"'http' must be \"1.1\" or \"2\" (got '{httpText}')");
        }

        var connection = ConnectionMode.New;
        if (fields.TryGetValue("connection", out var connectionNode) && context.Scalar(connectionNode, "connection")?.Trim() is { } connectionText)
        {
            if (!TryConnection(connectionText, out connection))
            {
                context.Error(connectionNode, $"'connection' must be new, resumed or warm (got '{connectionText}')");
            }
        }

        if (fields.TryGetValue("replay", out var replayNode) && context.Scalar(replayNode, "replay")?.Trim() is { } replayText)
        {
            if (replayText is "true" or "false") replay = replayText == "true";
            else context.Error(replayNode, $"'replay' must be true or false (got '{replayText}')");
        }

        var idleBefore = IdleBefore.None;
        if (fields.TryGetValue("idle_before", out var idleNode)) idleBefore = ReadIdleBefore(idleNode) ?? IdleBefore.None;

        var steps = new List<WorkloadStep>();
        if (fields.TryGetValue("steps", out var stepsNode)) ReadSteps(stepsNode, steps);
        else context.Error(root, "the workload is missing 'steps'");

        return name is null || description is null
            ? null
            : new WorkloadDefinition(name, description, http, connection, steps.AsReadOnly(), replay, context.At(root)) { IdleBefore = idleBefore };
    }

    /// <summary>The YAML spelling of a connection mode: new, resumed, warm.</summary>
    internal static string ConnectionText(ConnectionMode mode) => mode.ToString().ToLowerInvariant();

    private static bool TryConnection(string text, out ConnectionMode mode)
    {
        foreach (var candidate in Enum.GetValues<ConnectionMode>())
        {
            if (ConnectionText(candidate) == text)
            {
                mode = candidate;
                return true;
            }
        }

        mode = ConnectionMode.New;
        return false;
    }

    // A duration (fixed), { min, max } (uniform) or { mean } (exponential); every problem reported, null if any.
    private IdleBefore? ReadIdleBefore(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            return TryQuietTime(node, "idle_before", out var fixedTime) ? IdleBefore.Fixed(fixedTime) : null;
        }

        var fields = context.Fields(map, IdleBeforeKeys);
        var ok = fields.Count == map.Children.Count;
        TimeSpan? Part(string key)
        {
            if (!fields.TryGetValue(key, out var part)) return null;
            if (TryQuietTime(part, $"idle_before.{key}", out var value)) return value;
            ok = false;
            return null;
        }

        var min = Part("min");
        var max = Part("max");
        var mean = Part("mean");
        if (fields.ContainsKey("mean") && (fields.ContainsKey("min") || fields.ContainsKey("max")))
        {
            context.Error(map, "'idle_before' is either { min, max } (uniform) or { mean } (exponential), not both");
            return null;
        }

        if (fields.ContainsKey("mean")) return ok && mean is { } m ? IdleBefore.Exponential(m) : null;
        if (!fields.ContainsKey("min") || !fields.ContainsKey("max"))
        {
            if (ok) context.Error(map, "'idle_before' as a range needs both 'min' and 'max' (or give 'mean', or one duration)");
            return null;
        }

        if (min is { } low && max is { } high)
        {
            if (low <= high) return ok ? IdleBefore.Uniform(low, high) : null;
            context.Error(map, $"'idle_before': 'min' ({WorkloadWriter.Duration(low)}) must not exceed 'max' ({WorkloadWriter.Duration(high)})");
        }

        return null;
    }

    private bool TryQuietTime(YamlNode node, string key, out TimeSpan value)
    {
        if (!context.TryDuration(node, key, out value)) return false;
        // Negative durations are refused by the parser; the upper bound catches a forgotten or wrong unit.
        if (value <= IdleBefore.Longest) return true;
        context.Error(node, $"'{key}' must be at most 168h, a week (got {WorkloadWriter.Duration(value)})");
        return false;
    }

    private void ReadVersion(YamlMappingNode root, Dictionary<string, YamlNode> fields)
    {
        if (!fields.TryGetValue("version", out var node))
        {
            context.Error(root, "the workload is missing 'version' (add 'version: 1')");
            return;
        }

        var version = context.Scalar(node, "version");
        if (version is not null && version.Trim() != "1")
        {
            context.Error(node, $"unsupported version '{version}' (this build reads version 1)");
        }
    }

    private string? ReadWorkloadName(YamlMappingNode root, Dictionary<string, YamlNode> fields)
    {
        if (!fields.ContainsKey("name"))
        {
            var fromFile = Path.GetFileNameWithoutExtension(context.File);
            if (WorkloadNamePattern().IsMatch(fromFile)) return fromFile;
            context.Error(root, $"the workload has no 'name' and its file name '{fromFile}' is not one (use [a-z0-9-]+)");
            return null;
        }

        var name = context.Required(fields, "name", root, "the workload");
        if (name is null) return null;
        if (!WorkloadNamePattern().IsMatch(name))
        {
            context.Error(fields["name"], $"workload name '{name}' may only contain lower-case letters, digits and '-'");
            return null;
        }

        return name;
    }

    private void ReadSteps(YamlNode node, List<WorkloadStep> steps)
    {
        var sequence = context.Sequence(node, "'steps'");
        if (sequence is null) return;
        if (sequence.Children.Count == 0)
        {
            context.Error(node, "'steps' needs at least one step");
            return;
        }

        foreach (var item in sequence.Children)
        {
            var step = ReadStep(item);
            if (step is not null) steps.Add(step);
        }

        // Counted from what was written, so a request that failed to load is not also reported as missing.
        if (!sequence.Children.Any(c => c is YamlMappingNode m && m.Children.Keys.Any(k => k is YamlScalarNode { Value: "request" or "parallel" })))
        {
            context.Error(node, "a workload needs at least one request");
        }
    }

    private WorkloadStep? ReadStep(YamlNode node)
    {
        var map = context.Mapping(node, "a step");
        if (map is null) return null;
        var fields = context.Fields(map, StepKinds);
        if (map.Children.Count != 1)
        {
            context.Error(map, $"a step is one of request, parallel or think, each its own '- ' item (got {map.Children.Count} keys)");
            return null;
        }

        if (fields.TryGetValue("request", out var requestNode)) return ReadRequest(requestNode);
        if (fields.TryGetValue("parallel", out var parallelNode)) return ReadParallel(parallelNode);
        if (fields.TryGetValue("think", out var thinkNode)) return ReadThink(thinkNode);
        return null;
    }

    private WorkloadThink? ReadThink(YamlNode node)
    {
        if (!context.TryDuration(node, "think", out var duration)) return null;
        if (duration <= TimeSpan.Zero)
        {
            context.Error(node, "'think' must be > 0");
            return null;
        }

        if (replay)
        {
            // A replay issues each request at its recorded offset: a think time would have nothing to delay.
            context.Error(node, "'think' has no meaning in a replay workload (requests start at their 'at' offsets)");
            return null;
        }

        return new WorkloadThink(duration) { Location = context.At(node) };
    }

    private WorkloadParallel? ReadParallel(YamlNode node)
    {
        var map = context.Mapping(node, "'parallel'");
        if (map is null) return null;
        var fields = context.Fields(map, ParallelKeys);
        var name = ReadStepName(fields, map, "parallel group");

        var requests = new List<WorkloadRequest>();
        var ok = name is not null;
        if (!fields.TryGetValue("requests", out var requestsNode))
        {
            context.Error(map, $"parallel group '{name}' is missing 'requests'");
            ok = false;
        }
        else if (context.Sequence(requestsNode, "'requests'") is { } sequence)
        {
            if (sequence.Children.Count == 0)
            {
                context.Error(requestsNode, "'requests' needs at least one request");
                ok = false;
            }

            foreach (var item in sequence.Children)
            {
                var request = ReadRequest(item);
                if (request is null) ok = false;
                else requests.Add(request);
            }
        }
        else
        {
            ok = false;
        }

        return ok ? new WorkloadParallel(name!, requests.AsReadOnly()) { Location = context.At(map) } : null;
    }

    private WorkloadRequest? ReadRequest(YamlNode node)
    {
        var map = context.Mapping(node, "a request");
        if (map is null) return null;
        var fields = context.Fields(map, RequestKeys);
        var name = ReadStepName(fields, map, "request");
        var ok = name is not null;

        var method = "GET";
        if (fields.TryGetValue("method", out var methodNode) && context.Scalar(methodNode, "method")?.Trim().ToUpperInvariant() is { } methodText)
        {
            if (HttpStepDefinition.Methods.Contains(methodText)) method = methodText;
            else
            {
                context.Error(methodNode, $"unknown method '{methodText}' (use {string.Join(", ", HttpStepDefinition.Methods)})");
                ok = false;
            }
        }

        var role = WorkloadRequest.ServiceRole;
        if (fields.TryGetValue("role", out var roleNode))
        {
            var roleText = context.Scalar(roleNode, "role")?.Trim();
            if (roleText is null || !WorkloadNamePattern().IsMatch(roleText))
            {
                if (roleText is not null) context.Error(roleNode, $"role '{roleText}' may only contain lower-case letters, digits and '-'");
                ok = false;
            }
            else
            {
                role = roleText;
            }
        }

        string? path = null;
        if (fields.TryGetValue("path", out var pathNode))
        {
            path = context.Scalar(pathNode, "path")?.Trim();
            if (path is not null && !path.StartsWith('/'))
            {
                context.Error(pathNode, $"'path' must start with '/' (got '{path}')");
                ok = false;
            }
        }

        ok &= ReadBytes(fields, "request_bytes", out var requestBytes);
        ok &= ReadBytes(fields, "response_bytes", out var responseBytes);

        var serverTime = TimeSpan.Zero;
        if (fields.TryGetValue("server_ms", out var serverNode))
        {
            if (!context.TryNumber(serverNode, "server_ms", out var serverMs)) ok = false;
            else if (serverMs < 0)
            {
                context.Error(serverNode, $"'server_ms' must be >= 0 (got {serverMs.ToString(CultureInfo.InvariantCulture)})");
                ok = false;
            }
            else if (serverMs > WorkloadRequest.MaxServerTime.TotalMilliseconds)
            {
                context.Error(serverNode, $"'server_ms' must be at most 1h (got {serverMs.ToString(CultureInfo.InvariantCulture)})");
                ok = false;
            }
            else
            {
                serverTime = TimeSpan.FromTicks((long)Math.Round(serverMs * TimeSpan.TicksPerMillisecond));
            }
        }

        TimeSpan? offset = null;
        if (fields.TryGetValue("at", out var atNode))
        {
            if (!replay)
            {
                context.Error(atNode, $"request '{name}': 'at' is only for replay workloads (set 'replay: true' or remove 'at')");
                ok = false;
            }
            else if (context.TryDuration(atNode, "at", out var at))
            {
                offset = at;
            }
            else
            {
                ok = false;
            }
        }
        else if (replay)
        {
            context.Error(map, $"request '{name}' has no 'at' (a replay workload issues every request at its offset from the session's start)");
            ok = false;
        }

        return ok
            ? new WorkloadRequest(name!, method, role, path, requestBytes, responseBytes, serverTime, offset) { Location = context.At(map) }
            : null;
    }

    private bool ReadBytes(Dictionary<string, YamlNode> fields, string key, out long bytes)
    {
        bytes = 0;
        if (!fields.TryGetValue(key, out var node)) return true;
        if (!context.TryInteger(node, key, out bytes)) return false;
        if (bytes >= 0) return true;
        context.Error(node, $"'{key}' must be >= 0 (got {bytes})");
        bytes = 0;
        return false;
    }

    private string? ReadStepName(Dictionary<string, YamlNode> fields, YamlMappingNode owner, string what) =>
        context.UniqueName(fields, owner, what, firstLineByName);

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    internal static partial Regex WorkloadNamePattern();
}
