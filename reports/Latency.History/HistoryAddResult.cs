namespace Latency.History;

/// <summary>What <see cref="HistoryStore.Add"/> did: stored the run as a new one, or found it already there.</summary>
/// <param name="RunId">The run's number in the history (the existing one when <paramref name="AlreadyStored"/>).</param>
/// <param name="AlreadyStored">The same run (suite, machine, start time) was in the history: nothing was added.</param>
/// <param name="Rows">Rows stored; 0 when <paramref name="AlreadyStored"/>.</param>
public sealed record HistoryAddResult(long RunId, bool AlreadyStored, int Rows);
