namespace Latency.Bench.Load;

/// <summary>How a run ended: every planned iteration was given its chance (<see cref="Complete"/>) or not.</summary>
public enum RunStatus
{
    Complete,
    Partial,
    Failed,
}
