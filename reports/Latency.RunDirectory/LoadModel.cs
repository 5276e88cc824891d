namespace Latency.RunDirectory;

/// <summary>Whether a scenario's load was open (arrival rate), closed (fixed concurrency) or both.</summary>
public enum LoadModel
{
    /// <summary>Arrivals at a given rate, independent of how fast the system answers.</summary>
    Open,

    /// <summary>A fixed number of copies, each starting its next iteration when the previous one ends.</summary>
    Closed,

    /// <summary>The scenario's simulations mix open and closed models.</summary>
    Mixed,
}
