namespace Latency.Bench.Distributed;

/// <summary>Everything a run's stream holds, read once through: the plan, each agent's log texts and each agent's end.</summary>
/// <param name="Plan">The coordinator's plan; null when it never got that far (or the message is unreadable).</param>
/// <param name="Texts">Every log text, one per agent, log and place, ordered by agent, log and place.</param>
/// <param name="Done">Each agent's end, by agent name.</param>
public sealed record RunStreamContents(DistributedPlan? Plan, IReadOnlyList<LogText> Texts, IReadOnlyDictionary<string, AgentDone> Done);
