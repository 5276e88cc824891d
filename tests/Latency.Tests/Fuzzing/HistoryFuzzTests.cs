using CsCheck;
using Latency.History;
using Latency.Tests.History;
using Latency.Tests.Reports;
using Xunit.Abstractions;

namespace Latency.Tests.Fuzzing;

/// <summary>
/// The history's inputs: a history file that is not what it should be (damaged pages, cut short, another file) opens,
/// reads and adds or throws <see cref="HistoryFileException"/> naming the file; a BenchmarkDotNet report that is
/// broken reads or throws <see cref="BenchmarkReportException"/>. Nothing else escapes to the command line.
/// </summary>
public sealed class HistoryFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void HistoryStore_DamagedAndRandomFiles_OpenReadAddOrHistoryFileException()
    {
        var seed = temp.File("seed.db");
        using (var store = HistoryStore.Open(seed))
        {
            store.Add(HistoryStoreTests.Run("handset", HistogramSamples.RunStart), [HistoryStoreTests.Row("checkout", 150_000)]);
        }

        var valid = File.ReadAllBytes(seed);
        // Damage where SQLite looks: the 100-byte header and the first pages, and anywhere else.
        var damaged = Gen.Select(Gen.Select(Gen.Int[0, 4095], Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 8], Gen.Int[0, 9], Gen.Int[0, valid.Length],
            (flips, cut, length) =>
            {
                var bytes = (byte[])valid.Clone();
                foreach (var (near, anywhere, value) in flips)
                {
                    bytes[(near % 2 == 0 ? near : anywhere) % bytes.Length] = value;
                }

                return cut == 0 ? bytes[..length] : bytes;
            });
        var path = temp.File("history.db");
        void OpensOrNamedError(byte[] bytes)
        {
            File.WriteAllBytes(path, bytes);
            try
            {
                using var store = HistoryStore.Open(path);
                store.Read(new HistoryQuery());
                store.Add(HistoryStoreTests.Run("other", HistogramSamples.RunStart.AddDays(1)), [HistoryStoreTests.Row("checkout", 1)]);
            }
            catch (HistoryFileException e)
            {
                Assert.Contains(path, e.Message, StringComparison.Ordinal);
            }
        }

        var tried = FuzzRun.Check(output, "history (damaged)", damaged, OpensOrNamedError, 600, b => $"{b.Length} bytes");
        tried += FuzzRun.Check(output, "history (random bytes)", Gen.Byte.Array[0, 8192], OpensOrNamedError, 200, b => $"{b.Length} bytes");
        output.WriteLine($"history: {tried} inputs tried in all");
    }

    [Fact]
    public void BenchmarkReports_MutatedAndRandomBytes_ReadOrBenchmarkReportException()
    {
        var valid = File.ReadAllText(Directory.GetFiles(Path.Combine(RepositoryPaths.Root(), "tests", "Latency.Tests", "History", "Fixtures"), "*.json")
            .Order(StringComparer.Ordinal).First());
        var path = temp.File("fuzz-report-full-compressed.json");
        void ReadsOrNamedError(byte[] bytes)
        {
            File.WriteAllBytes(path, bytes);
            try
            {
                BenchmarkReports.ReadAsync(path, label: null, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (BenchmarkReportException e)
            {
                Assert.Contains(path, e.Message, StringComparison.Ordinal);
            }
        }

        var tried = FuzzRun.Check(output, "benchmark report (mutated)", Mutations.BytesOf(valid), ReadsOrNamedError, 1_500, Mutations.Print);
        tried += FuzzRun.Check(output, "benchmark report (random bytes)", Mutations.RandomBytes, ReadsOrNamedError, 300, Mutations.Print);
        output.WriteLine($"benchmark report: {tried} inputs tried in all");
    }
}
