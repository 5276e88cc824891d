using Latency.RunDirectory;

namespace Latency.Bench.Distributed;

/// <summary>
/// How an agent's part of a run ended, published to the run's stream after its last log text (so a reader that has it
/// has every text the agent could send): its status and its own run.json and calibration.json, which the coordinator
/// merges.
/// </summary>
/// <param name="Agent">The agent.</param>
/// <param name="Probe">Its probe.</param>
/// <param name="Status">How its part ended.</param>
/// <param name="StatusReason">Why it is not complete; null when it is.</param>
/// <param name="RunJson">Its run.json's text, or null when it wrote none (it failed before starting).</param>
/// <param name="CalibrationJson">Its calibration.json's text, or null (no world, or it failed before).</param>
/// <param name="UnsentTexts">Log texts it could not get into the stream before giving up (0 when every text went).</param>
public sealed record AgentDone(string Agent, string Probe, RunStatus Status, string? StatusReason, string? RunJson, string? CalibrationJson,
    long UnsentTexts);
