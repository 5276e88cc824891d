using Latency.Scenarios.Suites;
using YamlDotNet.RepresentationModel;

namespace Latency.Scenarios.Residency;

/// <summary>
/// Reads the residency keys world files and suites share: a jurisdiction (<c>CN</c>, or cited as
/// <c>{ value: CN, source: "...", assumption: "..." }</c>) and a <c>replicates_to</c> list (a deployment's name, or
/// <c>{ deployment: beijing, fraction: 25% }</c>). Problems go to the file's <see cref="YamlContext"/>.
/// </summary>
internal sealed class ResidencyYaml(YamlContext context)
{
    private static readonly string[] CitedKeys = ["value", "source", "assumption"];
    private static readonly string[] ReplicaKeys = ["deployment", "fraction"];

    /// <summary>A jurisdiction code and its citation ("" when written bare), or null after reporting the problem.</summary>
    /// <param name="node">The value of the key.</param>
    /// <param name="key">The key, for messages.</param>
    public (string Code, string Citation)? Jurisdiction(YamlNode node, string key)
    {
        string? code;
        var citation = string.Empty;
        if (node is YamlMappingNode map)
        {
            var fields = context.Fields(map, CitedKeys);
            code = context.Required(fields, "value", map, $"'{key}'");
            var source = fields.ContainsKey("source") ? context.Required(fields, "source", map, $"'{key}'") : null;
            var assumption = fields.ContainsKey("assumption") ? context.Required(fields, "assumption", map, $"'{key}'") : null;
            citation = Worlds.CitedValue.CitationOf(source, assumption);
        }
        else
        {
            code = context.Scalar(node, key)?.Trim();
        }

        if (code is null) return null;
        if (Jurisdictions.IsCode(code)) return (code, citation);
        context.Error(node, Jurisdictions.Problem(key, code));
        return null;
    }

    /// <summary>
    /// The copies a deployment's written data makes, unchecked names included (the caller knows the deployments);
    /// null after reporting a problem.
    /// </summary>
    /// <param name="node">The <c>replicates_to</c> value.</param>
    /// <param name="from">The deployment that replicates.</param>
    public List<ReplicationDefinition>? Replicas(YamlNode node, string from)
    {
        var sequence = context.Sequence(node, "'replicates_to'");
        if (sequence is null) return null;
        var replicas = new List<ReplicationDefinition>();
        var ok = true;
        foreach (var item in sequence.Children)
        {
            string? to;
            double fraction = 1;
            if (item is YamlMappingNode map)
            {
                var fields = context.Fields(map, ReplicaKeys);
                to = context.Required(fields, "deployment", map, "a replica");
                if (fields.TryGetValue("fraction", out var fractionNode))
                {
                    if (!context.TryShare(fractionNode, "fraction", out fraction))
                    {
                        ok = false;
                    }
                    else if (fraction == 0)
                    {
                        context.Error(fractionNode, "'fraction' must be above 0% (leave the replica out instead)");
                        ok = false;
                    }
                }
            }
            else
            {
                to = context.Scalar(item, "replicates_to")?.Trim();
            }

            if (to is null)
            {
                ok = false;
                continue;
            }

            if (to == from)
            {
                context.Error(item, $"deployment '{from}' cannot replicate to itself");
                ok = false;
                continue;
            }

            if (replicas.Any(r => r.To == to))
            {
                context.Error(item, $"deployment '{from}' replicates to '{to}' twice");
                ok = false;
                continue;
            }

            replicas.Add(new ReplicationDefinition(from, to, fraction, context.At(item)));
        }

        return ok ? replicas : null;
    }
}
