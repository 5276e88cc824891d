using HdrHistogram;

namespace Latency.Bench.Recording;

/// <summary>One recording thread's recorders, by metric id, and the thread (to tell when they can go to another).</summary>
/// <param name="owner">The thread that writes them.</param>
/// <param name="recorders">Its recorders so far (a dead thread's, drained, when it took them over).</param>
internal sealed class ThreadRecorders(Thread owner, Recorder?[] recorders)
{
    /// <summary>The thread that writes <see cref="Recorders"/>; nobody else does while it lives.</summary>
    public Thread Owner { get; } = owner;

    private Recorder?[] _recorders = recorders;

    /// <summary>Recorders by metric id; replaced (grown) only by <see cref="Owner"/>, read by the drain thread.</summary>
    public Recorder?[] Recorders
    {
        get => Volatile.Read(ref _recorders);
        set => Volatile.Write(ref _recorders, value);
    }
}
