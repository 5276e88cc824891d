using Latency.Bench.Application;
using Latency.TestSupport;
using Xunit;

namespace Latency.Tests.Safety;

public sealed class DefaultStudyExtractionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_PlantedLinkAtTheOldPredictablePath_IsNotFollowedAndNothingIsLeftBehind()
    {
        // What another user could plant before a run: the old folder name (with this process's id) as a link to a
        // folder of theirs, and in it the suite's place as a link to a file the runner can write.
        var victim = _temp.File("victim", "precious");
        var planted = Directory.CreateDirectory(_temp.File("planted")).FullName;
        Directory.CreateDirectory(Path.Combine(planted, "suites"));
        File.CreateSymbolicLink(Path.Combine(planted, "suites", "default.yaml"), victim);
        var oldPath = Path.Combine(Path.GetTempPath(), $"latency-default-study-{Environment.ProcessId}");
        File.CreateSymbolicLink(oldPath, planted);
        try
        {
            var suite = DefaultStudy.Load();

            Assert.NotNull(suite.Study);
            Assert.Equal("precious", File.ReadAllText(victim));
            var root = Path.GetDirectoryName(Path.GetDirectoryName(suite.SourceFile))!;
            Assert.NotEqual(oldPath, root);
            Assert.StartsWith(DefaultStudy.FolderPrefix, Path.GetFileName(root), StringComparison.Ordinal);
            Assert.False(Directory.Exists(root), "the extracted copy is removed once read");
        }
        finally
        {
            File.Delete(oldPath);
        }
    }

    [Fact]
    public void Extract_SuiteAlreadyThere_IsNotOverwritten()
    {
        var root = Directory.CreateDirectory(_temp.File("root")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "suites"));
        File.WriteAllText(Path.Combine(root, "suites", "default.yaml"), "mine");

        Assert.Throws<IOException>(() => DefaultStudy.Extract(root));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(root, "suites", "default.yaml")));
    }
}
