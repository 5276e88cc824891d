using Latency.Fuzz;
using SharpFuzz;

// latency-fuzz TARGET            under libFuzzer (libfuzzer-dotnet starts it), or on stdin/one file without it
// latency-fuzz TARGET --afl      under afl-fuzz, each input in a fresh process (survives stack overflows)
// latency-fuzz TARGET --run FILE...  replays saved inputs (crashes, a corpus) without any fuzzer, to debug one
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: latency-fuzz {string.Join('|', FuzzTargets.All.Keys)} [--afl | --run FILE...]");
    return 2;
}

if (args.Length > 1 && args[1] == "--afl")
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        target(memory.ToArray());
    });
}
else if (args.Length > 1 && args[1] == "--run")
{
    foreach (var file in args.Skip(2))
    {
        target(File.ReadAllBytes(file));
        Console.WriteLine($"{file}: read without an unexpected exception");
    }

    FuzzTargets.DeleteScratch();
}
else
{
    Fuzzer.LibFuzzer.Run(target);
}

return 0;
