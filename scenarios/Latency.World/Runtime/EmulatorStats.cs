namespace Latency.World.Runtime;

/// <summary>
/// The network process's own view, refreshed every few seconds: how late packets left, packet counts, and the
/// forwarding overhead measured when the world came up and taken off every packet's delay.
/// </summary>
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
    double LatenessMaxUs,
    Emulation.ForwardingOverhead? Compensation = null);
