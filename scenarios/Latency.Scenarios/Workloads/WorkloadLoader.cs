using Latency.Scenarios.Suites;

namespace Latency.Scenarios.Workloads;

/// <summary>
/// Workload files (version 1, YAML; see docs/workload-reference.md): <c>WorkloadLoader.Load(path)</c>, <c>Parse</c>.
/// </summary>
public sealed class WorkloadLoader : YamlDocumentLoader<WorkloadDefinition, WorkloadLoader>
{
    private protected override string Kind => "workload";

    private protected override WorkloadDefinition? Read(YamlContext context, string yamlText) => new WorkloadReader(context).Read(yamlText);
}
