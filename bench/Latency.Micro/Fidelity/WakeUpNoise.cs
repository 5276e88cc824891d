using System.Diagnostics;
using HdrHistogram;
using Latency.Timing;

namespace Latency.Micro.Fidelity;

/// <summary>
/// How late this machine wakes a real-time thread from a 1 ms sleep, while a measurement runs beside it: the floor
/// under any p99 measured meanwhile. A virtual machine's host can stall both virtual CPUs for milliseconds (on the
/// project's 2-vCPU microVMs, while the guest's proactive memory reclaim runs); a benchmark table that does not say so
/// would blame the emulator.
/// </summary>
internal sealed class WakeUpNoise : IDisposable
{
    /// <summary>Below the emulator (10) and the connect-timing thread (5): it must not delay what it watches.</summary>
    private const int Priority = 4;

    private readonly Thread _thread;
    private readonly object _gate = new();
    private LongHistogram _current = NewHistogram();
    private volatile bool _stopping;

    public WakeUpNoise()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "wake-up-noise" };
        _thread.Start();
    }

    /// <summary>Oversleep of every 1 ms sleep since the last call, in microseconds.</summary>
    public LongHistogram Take()
    {
        lock (_gate)
        {
            var taken = _current;
            _current = NewHistogram();
            return taken;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }

    private static LongHistogram NewHistogram() => new(1, 10_000_000, 3);

    private void Run()
    {
        RealTimeThread.TryEnter(Priority);
        while (!_stopping)
        {
            var start = Stopwatch.GetTimestamp();
            Thread.Sleep(1);
            var overshootMicros = (long)(Stopwatch.GetElapsedTime(start).TotalMicroseconds - 1000);
            lock (_gate)
            {
                _current.RecordValue(Math.Clamp(overshootMicros, 1, 10_000_000));
            }
        }
    }
}
