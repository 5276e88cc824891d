using BenchmarkDotNet.Attributes;
using Latency.Scenarios.Load;

namespace Latency.Micro.Pacing;

/// <summary>
/// <see cref="IPacer.DueTime"/>, called once per open-model arrival by the scheduler: it must cost far less than the
/// gap between arrivals (10 us at 100k/s) and allocate nothing. Indexes advance sequentially, as the scheduler asks.
/// </summary>
[MemoryDiagnoser]
public class PacerBenchmarks
{
    private LinearRatePacer _constant = null!;
    private LinearRatePacer _ramp = null!;
    private PoissonPacer _poisson = null!;
    private long _index;

    [GlobalSetup]
    public void Setup()
    {
        _constant = new LinearRatePacer(1000, 1000, TimeSpan.FromHours(1));
        _ramp = new LinearRatePacer(100, 5000, TimeSpan.FromHours(1));
        _poisson = new PoissonPacer(new InjectRandom(500, 1500, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)), seed: 1);
    }

    /// <summary>LinearRatePacer at a constant rate, as Inject compiles.</summary>
    [Benchmark(Baseline = true)]
    public TimeSpan? LinearConstant() => _constant.DueTime(Next(_constant.PlannedArrivals));

    /// <summary>LinearRatePacer with a ramp, as RampingInject compiles.</summary>
    [Benchmark]
    public TimeSpan? LinearRamp() => _ramp.DueTime(Next(_ramp.PlannedArrivals));

    /// <summary>PoissonPacer, as InjectRandom compiles.</summary>
    [Benchmark]
    public TimeSpan? Poisson() => _poisson.DueTime(Next(_poisson.PlannedArrivals));

    private long Next(long planned)
    {
        var index = _index++;
        return index < planned ? index : _index = 0;
    }
}
