using BenchmarkDotNet.Attributes;
using HdrHistogram;
using Latency.RunDirectory;

namespace Latency.Micro.Recording;

/// <summary>
/// Appending one interval histogram to a .hlog (<see cref="IntervalLogWriter.Append"/>), as the engine's sink does for
/// every non-empty metric once a second, in the process that measures latency: allocation here becomes garbage
/// collections there. The histogram has the engine's layout (1 us - 1 h, 3 digits) and <see cref="Buckets"/> non-empty
/// buckets spread over 1-300 ms. Each append is flushed to the operating system, so the time includes one write.
/// </summary>
[MemoryDiagnoser]
public class IntervalLogWriterBenchmarks
{
    private string _directory = "";
    private IntervalLogWriter _writer = null!;
    private LongHistogram _interval = null!;

    [Params(24, 500)]
    public int Buckets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "latency-micro-hlog-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        _writer = IntervalLogWriter.Create(Path.Combine(_directory, "bench.hlog"), DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        _interval = new LongHistogram(RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits)
        {
            Tag = HistogramTag.ForStep("micro", "get", HistogramTag.Uncorrected).Format(),
            StartTimeStamp = 1_800_000_000_000,
            EndTimeStamp = 1_800_000_001_000,
        };
        for (var i = 0; i < Buckets; i++)
        {
            _interval.RecordValueWithCount(1_000 + i * (299_000 / Buckets), 3);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public void Append() => _writer.Append(_interval);
}
