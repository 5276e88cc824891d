using Latency.Scenarios.Load;

namespace Latency.Bench.Load;

/// <summary>NBomber-style factories for load simulations (the records live in Latency.Scenarios.Load).</summary>
public static class Simulation
{
    public static LoadSimulation Inject(double rate, TimeSpan interval, TimeSpan during) => new Inject(rate, interval, during);

    public static LoadSimulation InjectRandom(double minRate, double maxRate, TimeSpan interval, TimeSpan during) =>
        new InjectRandom(minRate, maxRate, interval, during);

    public static LoadSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during) => new RampingInject(rate, interval, during);

    public static LoadSimulation KeepConstant(int copies, TimeSpan during) => new KeepConstant(copies, during);

    public static LoadSimulation RampingConstant(int copies, TimeSpan during) => new RampingConstant(copies, during);

    public static LoadSimulation IterationsForConstant(int copies, int iterations) => new IterationsForConstant(copies, iterations);

    public static LoadSimulation Pause(TimeSpan during) => new Pause(during);
}
