using Latency.RunDirectory;

namespace Latency.Bench.Harness;

/// <summary>
/// Samples CPU use while a run goes on: this process's, the machine's and optionally the world's network process's,
/// once per <c>interval</c> on a timer of the given <see cref="TimeProvider"/>. A late timer only makes an interval
/// longer (rates are CPU time over the interval's measured length), so a starved thread pool cannot bend the figures.
/// </summary>
public sealed class HarnessSampler : IDisposable
{
    private readonly ICpuSource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly int? _emulatorProcessId;
    private readonly List<CpuSample> _samples = [];
    private readonly object _gate = new();
    private ITimer? _timer;
    private HarnessInfo? _result;

    private HarnessSampler(ICpuSource source, TimeProvider time, TimeSpan interval, int? emulatorProcessId)
    {
        _source = source;
        _time = time;
        _interval = interval;
        _emulatorProcessId = emulatorProcessId;
    }

    /// <summary>Takes the first sample now and the next ones every <paramref name="interval"/>.</summary>
    /// <param name="source">Where CPU time is read.</param>
    /// <param name="time">Timestamps and the timer.</param>
    /// <param name="interval">Time between samples: the engine's interval (1 s), so a peak lines up with the logs.</param>
    /// <param name="emulatorProcessId">The world's network process, or null when there is none.</param>
    public static HarnessSampler Start(ICpuSource source, TimeProvider time, TimeSpan interval, int? emulatorProcessId)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var sampler = new HarnessSampler(source, time, interval, emulatorProcessId);
        lock (sampler._gate)
        {
            sampler._samples.Add(sampler.Read());
            sampler._timer = time.CreateTimer(_ => sampler.Tick(), null, interval, interval);
        }

        return sampler;
    }

    /// <summary>Takes the last sample and summarises the run; later calls return the same figures.</summary>
    public HarnessInfo Stop()
    {
        lock (_gate)
        {
            if (_result is not null)
            {
                return _result;
            }

            _timer?.Dispose();
            _timer = null;
            var last = Read();
            // A last interval of a few milliseconds would turn the CPU time's granularity into a false peak:
            // shorter than half an interval, it joins the one before.
            if (_samples.Count >= 2 && _time.GetElapsedTime(_samples[^1].Timestamp, last.Timestamp) < _interval / 2)
            {
                _samples.RemoveAt(_samples.Count - 1);
            }

            _samples.Add(last);
            _result = Summarise(_samples, _time.TimestampFrequency, _source.ProcessorCount, _interval, _emulatorProcessId is not null);
            return _result;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_timer is not null)
            {
                _samples.Add(Read());
            }
        }
    }

    private CpuSample Read() => new(
        _time.GetTimestamp(), _source.ProcessCpu(), _source.MachineCpu(),
        _emulatorProcessId is { } pid ? _source.ProcessCpu(pid) : null);

    private static HarnessInfo Summarise(List<CpuSample> samples, long frequency, int processorCount, TimeSpan interval, bool emulator)
    {
        var cores = new List<double>();
        var busy = new List<double>();
        var emulatorCores = new List<double>();
        for (var i = 1; i < samples.Count; i++)
        {
            var (from, to) = (samples[i - 1], samples[i]);
            var seconds = (to.Timestamp - from.Timestamp) / (double)frequency;
            if (seconds <= 0)
            {
                continue;
            }

            cores.Add((to.Process - from.Process).TotalSeconds / seconds);
            if (Share(from.Machine, to.Machine) is { } share)
            {
                busy.Add(share);
            }

            if (from.Emulator is { } a && to.Emulator is { } b)
            {
                emulatorCores.Add((b - a).TotalSeconds / seconds);
            }
        }

        var (first, last) = (samples[0], samples[^1]);
        var wall = (last.Timestamp - first.Timestamp) / (double)frequency;
        // Means over the whole run, not of the intervals: an interval stretched by a late timer weighs its length.
        var machineMean = Share(first.Machine, last.Machine);
        double? emulatorMean = wall > 0 && first.Emulator is { } e0 && last.Emulator is { } e1 ? (e1 - e0).TotalSeconds / wall : null;
        return new HarnessInfo
        {
            ProcessorCount = processorCount,
            SampleSeconds = interval.TotalSeconds,
            Samples = cores.Count,
            CpuCoresMean = wall > 0 ? (last.Process - first.Process).TotalSeconds / wall : 0,
            CpuCoresP95 = Percentile95(cores) ?? 0,
            CpuCoresMax = cores.Count == 0 ? 0 : cores.Max(),
            MachineBusyMean = machineMean,
            MachineBusyP95 = machineMean is null ? null : Percentile95(busy),
            MachineBusyMax = machineMean is null || busy.Count == 0 ? null : busy.Max(),
            Emulator = emulator
                ? new HarnessEmulator { CpuCoresMean = emulatorMean, CpuCoresMax = emulatorCores.Count == 0 ? null : emulatorCores.Max() }
                : null,
        };
    }

    private static double? Share(MachineCpuTimes? from, MachineCpuTimes? to) =>
        from is { } a && to is { } b && b.Total > a.Total ? (b.Busy - a.Busy) / (double)(b.Total - a.Total) : null;

    /// <summary>Nearest rank: a value that was really seen, as the report's "in 95% of seconds" reads.</summary>
    private static double? Percentile95(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
    }
}
