using Latency.Scenarios.Load;
using Latency.Scenarios.Validation;
using YamlDotNet.RepresentationModel;

namespace Latency.Scenarios.Suites;

/// <summary>
/// Reads a scenario's <c>load</c> list, where each item is a one-key mapping naming the simulation, e.g.
/// <c>- inject: { rate: 100, interval: 1s, during: 30s }</c>, then checks the values with
/// <see cref="LoadSimulationValidator"/> and places its problems on the lines of the list items.
/// </summary>
internal static class LoadSimulationReader
{
    private static readonly Dictionary<string, string[]> KeysBySimulation = new(StringComparer.Ordinal)
    {
        ["inject"] = ["rate", "interval", "during"],
        ["inject_random"] = ["min_rate", "max_rate", "interval", "during"],
        ["ramping_inject"] = ["rate", "interval", "during"],
        ["keep_constant"] = ["copies", "during"],
        ["ramping_constant"] = ["copies", "during"],
        ["iterations_for_constant"] = ["copies", "iterations"],
        ["pause"] = ["during"],
    };

    public static IReadOnlyList<LoadSimulation> Read(YamlContext context, YamlNode node)
    {
        var sequence = context.Sequence(node, "'load'");
        if (sequence is null) return [];
        if (sequence.Children.Count == 0)
        {
            context.Error(node, "'load' needs at least one load simulation, e.g. - inject: { rate: 100, interval: 1s, during: 30s }");
            return [];
        }

        var simulations = new List<LoadSimulation>();
        var locations = new List<SourceLocation>();
        foreach (var item in sequence.Children)
        {
            var simulation = ReadItem(context, item);
            if (simulation is null) continue;
            simulations.Add(simulation);
            locations.Add(context.At(item));
        }

        // Items that could not be read are already reported; the validator sees the rest and its indexes point
        // into them, hence the parallel list of locations.
        if (simulations.Count > 0)
        {
            foreach (var problem in LoadSimulationValidator.Validate(simulations))
            {
                var location = problem.Index >= 0 && problem.Index < locations.Count ? locations[problem.Index] : context.At(node);
                context.Error(location, problem.Message);
            }
        }

        return simulations.AsReadOnly();
    }

    private static LoadSimulation? ReadItem(YamlContext context, YamlNode item)
    {
        if (item is not YamlMappingNode { Children.Count: 1 } map)
        {
            context.Error(item, "each load item must name one simulation, e.g. - inject: { rate: 100, interval: 1s, during: 30s }");
            return null;
        }

        var (kindNode, body) = map.Children.Single();
        var kind = (kindNode as YamlScalarNode)?.Value ?? string.Empty;
        if (!KeysBySimulation.TryGetValue(kind, out var keys))
        {
            context.Error(kindNode, $"unknown load simulation '{kind}' (known: {string.Join(", ", KeysBySimulation.Keys)})");
            return null;
        }

        var bodyMap = context.Mapping(body, $"'{kind}'");
        if (bodyMap is null) return null;
        var fields = context.Fields(bodyMap, keys);
        var ok = true;
        foreach (var key in keys.Where(k => !fields.ContainsKey(k)))
        {
            context.Error(body, $"{kind} is missing '{key}'");
            ok = false;
        }

        if (!ok) return null;

        double Number(string key) => context.TryNumber(fields[key], key, out var v) ? v : Fail(ref ok, v);
        int Int(string key) => context.TryInt32(fields[key], key, out var v) ? v : Fail(ref ok, v);
        TimeSpan Duration(string key) => context.TryDuration(fields[key], key, out var v) ? v : Fail(ref ok, v);

        LoadSimulation simulation = kind switch
        {
            "inject" => new Inject(Number("rate"), Duration("interval"), Duration("during")),
            "inject_random" => new InjectRandom(Number("min_rate"), Number("max_rate"), Duration("interval"), Duration("during")),
            "ramping_inject" => new RampingInject(Number("rate"), Duration("interval"), Duration("during")),
            "keep_constant" => new KeepConstant(Int("copies"), Duration("during")),
            "ramping_constant" => new RampingConstant(Int("copies"), Duration("during")),
            "iterations_for_constant" => new IterationsForConstant(Int("copies"), Int("iterations")),
            "pause" => new Pause(Duration("during")),
            _ => throw new InvalidOperationException($"no reader for simulation '{kind}'"),
        };
        return ok ? simulation : null;
    }

    private static T Fail<T>(ref bool ok, T value)
    {
        ok = false;
        return value;
    }
}
