namespace Latency.Bench.Calibration;

/// <summary>
/// UDP loss each way of one path, in percent of the datagrams sent, and how many datagrams the receiving socket
/// dropped itself because its buffer was full (not counted as the path's loss).
/// </summary>
public sealed record LossMeasurement(double UpPct, double DownPct, long UpReceiverDrops, long DownReceiverDrops);
