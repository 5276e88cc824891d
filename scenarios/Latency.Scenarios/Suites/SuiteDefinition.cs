using Latency.Scenarios.Studies;

namespace Latency.Scenarios.Suites;

/// <summary>A suite file (version 1), validated: every name resolves and every value is in range.</summary>
/// <param name="Name">The suite's <c>name</c>, or the file name without extension.</param>
/// <param name="SourceFile">The file it was read from, as given to <see cref="SuiteLoader"/>.</param>
/// <param name="Targets">Named absolute http/https base URLs.</param>
/// <param name="Scenarios">The scenarios, in file order; may be empty when the suite has a <paramref name="Study"/>.</param>
/// <param name="Study">
/// The suite's study (handset workloads from probes against deployments), or null. Its probes and deployments are
/// checked against the world by <see cref="StudyDefinition.Validate"/> once the caller has resolved the world.
/// </param>
public sealed record SuiteDefinition(
    string Name,
    string SourceFile,
    IReadOnlyDictionary<string, Uri> Targets,
    IReadOnlyList<ScenarioDefinition> Scenarios,
    StudyDefinition? Study = null);
