namespace Latency.Bench.Distributed;

/// <summary>One text of an interval log as it travels in a run's stream.</summary>
/// <param name="Agent">The agent that wrote it.</param>
/// <param name="Log">The log file's name.</param>
/// <param name="Sequence">Its place in the log: 0 the header, then 1, 2, ... each line.</param>
/// <param name="Text">The text, exactly as written to the agent's file.</param>
public sealed record LogText(string Agent, string Log, long Sequence, string Text);
