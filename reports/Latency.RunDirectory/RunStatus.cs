namespace Latency.RunDirectory;

/// <summary>How a run ended. Serialized in camel case ("complete", "partial", "failed").</summary>
public enum RunStatus
{
    /// <summary>Every scenario ran to its planned end.</summary>
    Complete,

    /// <summary>Stopped early (e.g. Ctrl-C); the data up to the stop is valid, the last interval may be missing.</summary>
    Partial,

    /// <summary>The run failed; the data may be incomplete or meaningless. See the status reason.</summary>
    Failed,
}
