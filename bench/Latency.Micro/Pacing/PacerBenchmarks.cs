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

    [Benchmark(Baseline = true, Description = "LinearRatePacer constant (Inject)")]
    public TimeSpan? Constant() => _constant.DueTime(Next(_constant.PlannedArrivals));

    [Benchmark(Description = "LinearRatePacer ramp (RampingInject)")]
    public TimeSpan? Ramp() => _ramp.DueTime(Next(_ramp.PlannedArrivals));

    [Benchmark(Description = "PoissonPacer (InjectRandom)")]
    public TimeSpan? Poisson() => _poisson.DueTime(Next(_poisson.PlannedArrivals));

    private long Next(long planned)
    {
        var index = _index++;
        return index < planned ? index : _index = 0;
    }
}
