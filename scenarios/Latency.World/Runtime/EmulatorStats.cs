namespace Latency.World.Runtime;

/// <summary>The network process's own view, refreshed every few seconds: how late packets left, and packet counts.</summary>
public sealed record EmulatorStats(
    DateTimeOffset UpdatedUtc,
    bool RealTimeScheduling,
    long Forwarded,
    long Lost,
    long NoRoute,
    long NoBuffer,
    double LatenessP50Us,
    double LatenessP99Us,
    double LatenessP999Us,
    double LatenessMaxUs);
