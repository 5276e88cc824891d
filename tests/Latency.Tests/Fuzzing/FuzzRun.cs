using CsCheck;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Latency.Tests.Fuzzing;

/// <summary>
/// Runs a reader property over generated inputs. Each input comes from its own PCG seeded with the run's seed plus its
/// index, so the unit run is the same every time (a red CI build is a real finding, never bad luck) and a failure names
/// the one seed that rebuilds its input. <c>LATENCY_FUZZ_ITER</c> raises the count for a longer local campaign and
/// <c>LATENCY_FUZZ_SEED</c> explores other inputs; the count tried is printed to the test output.
/// </summary>
internal static class FuzzRun
{
    public const string IterationsVariable = "LATENCY_FUZZ_ITER";
    public const string SeedVariable = "LATENCY_FUZZ_SEED";

    /// <summary>The pinned seed of the unit run: any fixed number does; this one is the date.</summary>
    private const ulong PinnedSeed = 20_260_216;

    /// <summary>Far above any reader's time for one small input, even on a loaded CI machine.</summary>
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(10);

    public static int Iterations(int unitRunCount) =>
        int.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), out var count) && count > 0 ? count : unitRunCount;

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var seed) ? seed : PinnedSeed;

    /// <summary>Checks <paramref name="property"/> on <paramref name="unitRunCount"/> inputs (or LATENCY_FUZZ_ITER).</summary>
    /// <returns>How many inputs were tried.</returns>
    public static int Check<T>(ITestOutputHelper output, string reader, Gen<T> gen, Action<T> property, int unitRunCount, Func<T, string> print) =>
        CheckAsync(output, reader, gen, input =>
        {
            property(input);
            return Task.CompletedTask;
        }, unitRunCount, print).GetAwaiter().GetResult();

    /// <summary>As <see cref="Check{T}"/> for readers that read files asynchronously.</summary>
    public static async Task<int> CheckAsync<T>(
        ITestOutputHelper output, string reader, Gen<T> gen, Func<T, Task> property, int unitRunCount, Func<T, string> print)
    {
        var count = Iterations(unitRunCount);
        var seed = Seed;
        for (var index = 0; index < count; index++)
        {
            var input = gen.Generate(new PCG(1, seed + (ulong)index), null, out _);
            try
            {
                // A reader that hangs on an input fails as surely as one that throws; the input is named either way.
                await Task.Run(() => property(input)).WaitAsync(PerInputLimit);
            }
            catch (Exception e)
            {
                throw new XunitException(
                    $"{reader}: input {index} ({SeedVariable}={seed + (ulong)index} {IterationsVariable}=1 rebuilds it) " +
                    $"threw {e.GetType().Name}: {e.Message}{Environment.NewLine}input: {Abbreviate(print(input))}{Environment.NewLine}{e}");
            }
        }

        output.WriteLine($"{reader}: {count} inputs tried, seed {seed}");
        return count;
    }

    private static string Abbreviate(string text) => text.Length <= 2000 ? text : text[..2000] + $"... ({text.Length} characters)";
}
