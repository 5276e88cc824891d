using System.Text;
using CsCheck;
using Latency.Reports.Compare;
using Latency.RunDirectory;
using Latency.Tests.Compare;
using Latency.Tests.Reports;
using Xunit.Abstractions;

namespace Latency.Tests.Fuzzing;

/// <summary>
/// A run directory whose run.json, interval log or calibration.json is broken: the readers return what they can and
/// list every problem with its file (and line, where the file is text read line by line); none throws. The seed
/// directory is a real study run written by the test helpers (<see cref="CompareSamples"/>), with calibration.json.
/// The compare inputs are the same directories: a valid baseline against a broken current run.
/// </summary>
public sealed class RunDirectoryFuzzTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int MutatedInputs = 1_600;
    private const int RandomInputs = 400;
    private const int CompareInputs = 300;

    private readonly TempDirectory valid = new();
    private readonly TempDirectory work = new();
    private Dictionary<string, byte[]> files = [];

    public async Task InitializeAsync()
    {
        // Few samples per histogram: the payloads stay short, so a mutation often lands in the structure.
        await CompareSamples.WriteStudyAsync(valid.Path, seed: 1, count: 50);
        File.WriteAllText(valid.File(CalibrationTable.FileName), StudySamples.CalibrationJson);
        files = Directory.GetFiles(valid.Path).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        foreach (var (file, content) in files)
        {
            File.WriteAllBytes(work.File(file), content);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        valid.Dispose();
        work.Dispose();
    }

    [Fact]
    public Task RunJson_MutatedAndRandomBytes_ReadWithLocatedProblems() => FuzzFileAsync(RunManifest.FileName);

    [Fact]
    public Task IntervalLog_MutatedAndRandomBytes_ReadWithLocatedProblems() => FuzzFileAsync(files.Keys.Single(f => f.EndsWith(".hlog", StringComparison.Ordinal)));

    [Fact]
    public Task CalibrationJson_MutatedAndRandomBytes_ReadWithLocatedProblems() => FuzzFileAsync(CalibrationTable.FileName);

    [Fact]
    public async Task Compare_ValidBaselineAgainstBrokenCurrent_ComparesOrNamesTheProblem()
    {
        var names = files.Keys.Where(f => f != CalibrationTable.FileName).Order(StringComparer.Ordinal).ToList();
        var gen = Gen.Select(Gen.Int[0, names.Count - 1], Gen.Int[0, int.MaxValue], (file, pick) => (File: names[file], Pick: pick))
            .SelectMany(target => Mutations.BytesOf(Encoding.UTF8.GetString(files[target.File])).Select(bytes => (target.File, Bytes: bytes)));
        await FuzzRun.CheckAsync(output, "compare (broken current run)", gen, async input =>
        {
            Lay(input.File, input.Bytes);
            var comparison = await RunComparer.CompareAsync(valid.Path, work.Path, CompareVerdict.DefaultTolerance);
            Assert.True(comparison.IsComparable || comparison.Differences.Count > 0, "not comparable, and no reason given");
        }, CompareInputs, input => $"{input.File}: {Mutations.Print(input.Bytes)}");
    }

    private async Task FuzzFileAsync(string name)
    {
        var text = Encoding.UTF8.GetString(files[name]);
        var tried = await FuzzRun.CheckAsync(output, name + " (mutated)", Mutations.BytesOf(text), bytes => ReadAsync(name, bytes), MutatedInputs, Mutations.Print);
        tried += await FuzzRun.CheckAsync(output, name + " (random bytes)", Mutations.RandomBytes, bytes => ReadAsync(name, bytes), RandomInputs, Mutations.Print);
        output.WriteLine($"{name}: {tried} inputs tried in all");
    }

    /// <summary>The property: reading the directory throws nothing and every problem is located.</summary>
    private async Task ReadAsync(string name, byte[] bytes)
    {
        File.WriteAllBytes(work.File(name), bytes);
        var problems = new List<RunDirectoryProblem>();
        if (name == CalibrationTable.FileName)
        {
            await CalibrationFile.ReadAsync(work.Path, problems);
        }
        else if (name == RunManifest.FileName)
        {
            problems.AddRange((await RunDirectoryReader.ReadAsync(work.Path, _ => false)).Problems);
        }
        else
        {
            problems.AddRange(ReadLog(name, bytes));
        }

        File.WriteAllBytes(work.File(name), files[name]);
        var lines = bytes.Count(b => b == '\n') + 1;
        foreach (var problem in problems)
        {
            Assert.False(string.IsNullOrEmpty(problem.File), $"problem without a file: {problem}");
            Assert.True(problem.Line is null || (problem.Line >= 1 && problem.Line <= lines + 1), $"problem at a line not in the file: {problem}");
        }
    }

    /// <summary>
    /// An interval log as <see cref="RunDirectoryReader"/> reads it (decoded as <see cref="IntervalLogReader"/> does,
    /// parsed, each tag's intervals merged into a total) without the file system: ten times the inputs in the time.
    /// </summary>
    private static List<RunDirectoryProblem> ReadLog(string name, byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var log = IntervalLogReader.Parse(name, reader.ReadToEnd());
        var problems = log.Problems.ToList();
        // A line of an interval log that cannot be read is named by its number: the user looks at that line.
        Assert.All(problems.Where(p => p.Message.StartsWith("cannot read line", StringComparison.Ordinal)), p => Assert.NotNull(p.Line));
        foreach (var series in log.Histograms.GroupBy(h => h.Tag))
        {
            if (HistogramTag.TryParse(series.Key, out var tag))
            {
                RunDirectoryReader.Merge(tag, series.ToList(), name, problems);
            }
        }

        return problems;
    }

    /// <summary>The valid directory's files in the work directory, <paramref name="name"/> replaced by <paramref name="bytes"/>.</summary>
    private void Lay(string name, byte[] bytes)
    {
        foreach (var (file, content) in files)
        {
            File.WriteAllBytes(work.File(file), file == name ? bytes : content);
        }
    }
}
