namespace Latency.World.Backend;

/// <summary>What <c>POST /upload</c> answers: how many body bytes arrived.</summary>
public sealed record UploadReceipt(long Bytes);
