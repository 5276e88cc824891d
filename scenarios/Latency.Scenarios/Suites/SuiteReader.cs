using System.Collections.ObjectModel;
using Latency.Scenarios.Load;
using Latency.Scenarios.Studies;
using YamlDotNet.RepresentationModel;

namespace Latency.Scenarios.Suites;

/// <summary>
/// Turns the text of a suite file into a <see cref="SuiteDefinition"/>, recording every problem in the
/// <see cref="YamlContext"/> and carrying on, so a file with five mistakes gets five errors in one run.
/// </summary>
internal sealed class SuiteReader(YamlContext context)
{
    private static readonly string[] RootKeys = ["version", "name", "targets", "scenarios", "study"];
    private static readonly string[] ScenarioKeys =
        ["name", "target", "http", "connections", "warm_up", "max_start_delay", "steps", "load", "thresholds"];
    private static readonly string[] StepKeys = ["name", "method", "path", "target", "headers", "body_bytes", "timeout"];
    private static readonly string[] HttpVersions = ["1.1", "2"];

    // Declared target names, valid or not: a step naming a target whose URL is bad must not also be told the target
    // does not exist.
    private readonly List<string> declaredTargets = [];
    private readonly Dictionary<string, Uri> targets = new(StringComparer.Ordinal);

    /// <summary>The suite, or null when the text is too broken to build one; either way check the context's errors.</summary>
    public SuiteDefinition? Read(string yamlText)
    {
        var document = context.LoadSingleDocument(yamlText, "a suite needs 'version: 1', 'targets' and 'scenarios', or a 'study'", "suite");
        if (document is null) return null;

        var root = context.Mapping(document, "the top level of a suite");
        if (root is null) return null;
        var fields = context.Fields(root, RootKeys);

        ReadVersion(root, fields);
        var name = fields.ContainsKey("name")
            ? context.Required(fields, "name", root, "the suite")
            : Path.GetFileNameWithoutExtension(context.File);
        if (fields.TryGetValue("name", out var nameNode) && name is not null && !SuiteNames.IsSafeSuiteName(name))
        {
            // The name becomes part of the default run folder (runs/TIME-NAME): "../../x" would write outside runs/.
            context.Error(nameNode, SuiteNames.Problem("the suite name", name) +
                                    $", not be only dots, and have at most {SuiteNames.MaxSuiteNameLength} characters");
            name = null;
        }

        // A study alone needs neither: its deployments come from the world or from its own endpoints.
        var hasStudy = fields.TryGetValue("study", out var studyNode);
        var hasScenarios = fields.TryGetValue("scenarios", out var scenariosNode);
        if (hasStudy && hasScenarios)
        {
            // The run used to take the study and drop the scenarios without a word. Both are still read, so their own
            // mistakes are reported in the same pass.
            context.Error(SecondKey(root, "study", "scenarios"), "a suite has either 'scenarios' or a 'study', not both: run them as two suites");
        }

        if (fields.TryGetValue("targets", out var targetsNode)) ReadTargets(targetsNode);
        else if (hasScenarios || !hasStudy) context.Error(root, "the suite is missing 'targets' (named base URLs, e.g. api: https://localhost:5001)");

        var scenarios = new List<ScenarioDefinition>();
        if (hasScenarios) ReadScenarios(scenariosNode!, scenarios);
        else if (!hasStudy) context.Error(root, "the suite is missing 'scenarios' (or a 'study')");

        var study = hasStudy ? new StudyReader(context).Read(studyNode!) : null;

        return name is null || (hasStudy && study is null)
            ? null
            : new SuiteDefinition(name, context.File, new ReadOnlyDictionary<string, Uri>(targets), scenarios.AsReadOnly(), study);
    }

    // The key node written later in the file of two that are both present: where the reader sees the clash.
    private static YamlNode SecondKey(YamlMappingNode map, string first, string second) =>
        map.Children.Keys.Last(k => k is YamlScalarNode { Value: { } key } && (key == first || key == second));

    private void ReadVersion(YamlMappingNode root, Dictionary<string, YamlNode> fields)
    {
        if (!fields.TryGetValue("version", out var node))
        {
            context.Error(root, "the suite is missing 'version' (add 'version: 1')");
            return;
        }

        var version = context.Scalar(node, "version");
        if (version is not null && version.Trim() != "1")
        {
            context.Error(node, $"unsupported version '{version}' (this build reads version 1)");
        }
    }

    private void ReadTargets(YamlNode node)
    {
        var map = context.Mapping(node, "'targets'");
        if (map is null) return;
        if (map.Children.Count == 0)
        {
            context.Error(node, "'targets' needs at least one named base URL, e.g. api: https://localhost:5001");
            return;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                context.Error(keyNode, "target names must be plain names");
                continue;
            }

            declaredTargets.Add(name);
            var text = context.Scalar(valueNode, name)?.Trim();
            if (text is null) continue;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                context.Error(valueNode, $"target '{name}' must be an absolute http or https URL (got '{text}')");
                continue;
            }

            if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                context.Error(valueNode, $"target '{name}' must not have a query or fragment; put them in the step's path (got '{text}')");
                continue;
            }

            targets[name] = uri;
        }
    }

    private void ReadScenarios(YamlNode node, List<ScenarioDefinition> scenarios)
    {
        var sequence = context.Sequence(node, "'scenarios'");
        if (sequence is null) return;
        if (sequence.Children.Count == 0)
        {
            context.Error(node, "'scenarios' needs at least one scenario");
            return;
        }

        var firstLineByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            var scenario = ReadScenario(item, firstLineByName);
            if (scenario is not null) scenarios.Add(scenario);
        }
    }

    private ScenarioDefinition? ReadScenario(YamlNode node, Dictionary<string, int> firstLineByName)
    {
        var map = context.Mapping(node, "a scenario");
        if (map is null) return null;
        var fields = context.Fields(map, ScenarioKeys);

        var name = ReadName(fields, map, "scenario", firstLineByName);
        var ok = name is not null;

        // The scenario's default target, reported here once rather than again for every step that inherits it.
        string? defaultTarget = null;
        var defaultTargetBroken = false;
        if (fields.TryGetValue("target", out var targetNode))
        {
            defaultTarget = context.Scalar(targetNode, "target")?.Trim();
            defaultTargetBroken = defaultTarget is null || !CheckTargetDeclared(defaultTarget, targetNode);
        }

        var httpVersion = ScenarioDefinition.DefaultHttpVersion;
        if (fields.TryGetValue("http", out var httpNode))
        {
            var text = context.Scalar(httpNode, "http")?.Trim();
            if (text is not null && !HttpVersions.Contains(text))
            {
                context.Error(httpNode, $"'http' must be \"1.1\" or \"2\" (got '{text}')");
            }

            httpVersion = text ?? httpVersion;
        }

        var connections = ScenarioDefinition.DefaultConnections;
        if (fields.TryGetValue("connections", out var connectionsNode) && context.TryInt32(connectionsNode, "connections", out connections) && connections <= 0)
        {
            context.Error(connectionsNode, $"'connections' must be > 0 (got {connections})");
        }

        var warmUp = TimeSpan.Zero;
        if (fields.TryGetValue("warm_up", out var warmUpNode)) context.TryDuration(warmUpNode, "warm_up", out warmUp);

        var maxStartDelay = ScenarioDefinition.DefaultMaxStartDelay;
        if (fields.TryGetValue("max_start_delay", out var delayNode) && context.TryDuration(delayNode, "max_start_delay", out maxStartDelay) && maxStartDelay <= TimeSpan.Zero)
        {
            context.Error(delayNode, "'max_start_delay' must be > 0");
        }

        var steps = new List<HttpStepDefinition>();
        var declaredSteps = new HashSet<string>(StringComparer.Ordinal);
        if (fields.TryGetValue("steps", out var stepsNode)) ReadSteps(stepsNode, defaultTarget, defaultTargetBroken, steps, declaredSteps);
        else context.Error(map, $"scenario '{name}' is missing 'steps'");

        IReadOnlyList<LoadSimulation> load = [];
        if (fields.TryGetValue("load", out var loadNode)) load = LoadSimulationReader.Read(context, loadNode);
        else context.Error(map, $"scenario '{name}' is missing 'load'");

        var thresholds = new List<ThresholdDefinition>();
        if (fields.TryGetValue("thresholds", out var thresholdsNode)) ReadThresholds(thresholdsNode, declaredSteps, thresholds);

        return ok
            ? new ScenarioDefinition(name!, steps.AsReadOnly(), load, thresholds.AsReadOnly(), warmUp, httpVersion, connections, maxStartDelay, context.At(map))
            : null;
    }

    private void ReadSteps(YamlNode node, string? defaultTarget, bool defaultTargetBroken, List<HttpStepDefinition> steps, HashSet<string> declaredSteps)
    {
        var sequence = context.Sequence(node, "'steps'");
        if (sequence is null) return;
        if (sequence.Children.Count == 0)
        {
            context.Error(node, "'steps' needs at least one step");
            return;
        }

        var firstLineByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in sequence.Children)
        {
            // Names of steps that fail to load still count as declared for the scenario's thresholds.
            if (item is YamlMappingNode stepMap && stepMap.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode) && nameNode is YamlScalarNode { Value: { } stepName })
            {
                declaredSteps.Add(stepName.Trim());
            }

            var step = ReadStep(item, defaultTarget, defaultTargetBroken, firstLineByName);
            if (step is not null) steps.Add(step);
        }
    }

    private HttpStepDefinition? ReadStep(YamlNode node, string? defaultTarget, bool defaultTargetBroken, Dictionary<string, int> firstLineByName)
    {
        var map = context.Mapping(node, "a step");
        if (map is null) return null;
        var fields = context.Fields(map, StepKeys);

        var name = ReadName(fields, map, "step", firstLineByName);
        var ok = name is not null;

        var method = "GET";
        if (fields.TryGetValue("method", out var methodNode))
        {
            var text = context.Scalar(methodNode, "method")?.Trim().ToUpperInvariant();
            if (text is not null && !HttpStepDefinition.Methods.Contains(text))
            {
                context.Error(methodNode, $"unknown method '{text}' (use {string.Join(", ", HttpStepDefinition.Methods)})");
                ok = false;
            }

            method = text ?? method;
        }

        var path = context.Required(fields, "path", map, $"step '{name}'");
        if (path is not null && !path.StartsWith('/'))
        {
            context.Error(fields["path"], $"'path' must start with '/' (got '{path}')");
            path = null;
        }

        Uri? baseUrl = null;
        string? targetName;
        if (fields.TryGetValue("target", out var targetNode))
        {
            targetName = context.Scalar(targetNode, "target")?.Trim();
            if (targetName is not null && CheckTargetDeclared(targetName, targetNode)) targets.TryGetValue(targetName, out baseUrl);
        }
        else
        {
            targetName = defaultTarget;
            if (targetName is null)
            {
                context.Error(map, $"step '{name}' has no target; set 'target' on the step or on its scenario");
            }
            else if (!defaultTargetBroken)
            {
                targets.TryGetValue(targetName, out baseUrl);
            }
        }

        Uri? url = null;
        if (baseUrl is not null && path is not null)
        {
            // Appended, not resolved with new Uri(base, path): a base of https://host/v1 must keep its /v1.
            var text = baseUrl.AbsoluteUri.TrimEnd('/') + path;
            if (!Uri.TryCreate(text, UriKind.Absolute, out url))
            {
                context.Error(fields["path"], $"'{path}' does not make a valid URL with target '{targetName}' ({text})");
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (fields.TryGetValue("headers", out var headersNode) && context.Mapping(headersNode, "'headers'") is { } headersMap)
        {
            foreach (var (keyNode, valueNode) in headersMap.Children)
            {
                var header = (keyNode as YamlScalarNode)?.Value?.Trim();
                if (string.IsNullOrEmpty(header) || header.Any(c => c <= ' ' || c == ':' || c >= 127))
                {
                    context.Error(keyNode, "header names must be plain names without spaces or ':'");
                    continue;
                }

                var value = context.Scalar(valueNode, header);
                if (value is null) continue;
                if (!headers.TryAdd(header, value))
                {
                    context.Error(keyNode, $"header '{header}' is given twice (header names ignore case)");
                }
            }
        }

        long bodyBytes = 0;
        if (fields.TryGetValue("body_bytes", out var bodyNode) && context.TryInteger(bodyNode, "body_bytes", out bodyBytes) && bodyBytes < 0)
        {
            context.Error(bodyNode, $"'body_bytes' must be >= 0 (got {bodyBytes})");
        }

        var timeout = HttpStepDefinition.DefaultTimeout;
        if (fields.TryGetValue("timeout", out var timeoutNode) && context.TryDuration(timeoutNode, "timeout", out timeout) && timeout <= TimeSpan.Zero)
        {
            context.Error(timeoutNode, "'timeout' must be > 0");
        }

        return ok && url is not null && targetName is not null
            ? new HttpStepDefinition(name!, targetName, url, method, new ReadOnlyDictionary<string, string>(headers), bodyBytes, timeout, context.At(map))
            : null;
    }

    private void ReadThresholds(YamlNode node, HashSet<string> declaredSteps, List<ThresholdDefinition> thresholds)
    {
        var sequence = context.Sequence(node, "'thresholds'");
        if (sequence is null) return;
        foreach (var item in sequence.Children)
        {
            var text = context.Scalar(item, "threshold");
            if (text is null) continue;
            if (!ThresholdParser.TryParse(text, out var threshold, out var error))
            {
                context.Error(item, $"threshold '{text}': {error}");
                continue;
            }

            // Steps that failed to load are already reported; only names absent from the file are an error here.
            if (threshold.Step is not null && !declaredSteps.Contains(threshold.Step))
            {
                var known = declaredSteps.Count == 0 ? "none" : string.Join(", ", declaredSteps);
                context.Error(item, $"threshold '{text}': step '{threshold.Step}' is not defined in this scenario (steps: {known})");
                continue;
            }

            thresholds.Add(threshold with { Location = context.At(item) });
        }
    }

    private string? ReadName(Dictionary<string, YamlNode> fields, YamlMappingNode owner, string what, Dictionary<string, int> firstLineByName) =>
        context.UniqueName(fields, owner, what, firstLineByName);

    private bool CheckTargetDeclared(string name, YamlNode node)
    {
        if (declaredTargets.Contains(name)) return true;
        var known = declaredTargets.Count == 0 ? "none" : string.Join(", ", declaredTargets);
        context.Error(node, $"target '{name}' is not defined (targets: {known})");
        return false;
    }
}
