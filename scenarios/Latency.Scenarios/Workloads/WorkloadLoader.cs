using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Workloads;

/// <summary>
/// Reads workload files (version 1, YAML; see docs/workload-reference.md). Bad input throws
/// <see cref="InputValidationException"/> carrying every problem found, each with the file and line, in file order.
/// </summary>
public static class WorkloadLoader
{
    private static readonly YamlDocumentLoader<WorkloadDefinition> Loader = new("workload", (context, text) => new WorkloadReader(context).Read(text));

    /// <summary>Reads and validates the workload file at <paramref name="path"/>.</summary>
    /// <exception cref="InputValidationException">The file is missing, unreadable or invalid.</exception>
    public static WorkloadDefinition Load(string path) => Loader.Load(path);

    /// <summary>
    /// Validates the workload in <paramref name="yamlText"/>. <paramref name="fileName"/> prefixes error locations and,
    /// without extension, is the default workload name.
    /// </summary>
    /// <exception cref="InputValidationException">The text is not a valid workload.</exception>
    public static WorkloadDefinition Parse(string yamlText, string fileName) => Loader.Parse(yamlText, fileName);
}
