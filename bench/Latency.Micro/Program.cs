using BenchmarkDotNet.Running;
using Latency.Micro.Capacity;
using Latency.Micro.ChangePoints;
using Latency.Micro.CompareNoise;
using Latency.Micro.EngineAllocations;
using Latency.Micro.Fidelity;
using Latency.Micro.MaxRate;
using Latency.Micro.Recording;
using Latency.Micro.Reports;
using Latency.Micro.Scale;
using Latency.Micro.Soak;

if (args.FirstOrDefault() is "max-rate" or "engine-allocations" && args.Contains(InlineSocketCompletions.Option))
{
    // Before any socket is used: the runtime reads the switch once (see InlineSocketCompletions for why).
    InlineSocketCompletions.EnableUnlessSet();
}

// max-rate, engine-allocations, serve, emulator-capacity, world-fidelity, report-100m, compare-noise and change-point-accuracy, handset-soak, study-soak, study-scale are ours; anything else goes to BenchmarkDotNet (--filter, --job, --list, ...).
return args.FirstOrDefault() switch
{
    "max-rate" => await MaxRateCommand.RunAsync(args[1..]),
    "engine-allocations" => await EngineAllocationsCommand.RunAsync(args[1..]),
    "serve" => await ServeCommand.RunAsync(args[1..]),
    "emulator-capacity" => await EmulatorCapacityCommand.RunAsync(args[1..]),
    "report-100m" => await Report100mCommand.RunAsync(args[1..]),
    "world-fidelity" => await WorldFidelityCommand.RunAsync(args[1..]),
    "compare-noise" => await CompareNoiseCommand.RunAsync(args[1..]),
    "change-point-accuracy" => await ChangePointAccuracyCommand.RunAsync(args[1..]),
    "handset-soak" => await HandsetSoakCommand.RunAsync(args[1..]),
    "study-soak" => await StudySoakCommand.RunAsync(args[1..]),
    "study-scale" => await StudyScaleCommand.RunAsync(args[1..]),
    "distributed-scale" => await Latency.Micro.Distributed.DistributedScaleCommand.RunAsync(args[1..]),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(RecordingBenchmarks).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
