using Latency.Bench.Distributed;
using Latency.Scenarios.Suites;
using Latency.TestSupport;

namespace Latency.Tests.Distributed;

public sealed class SuiteBundleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void FromSuite_TheDefaultStudy_ExtractedElsewhere_LoadsTheSameStudy()
    {
        var original = SuiteLoader.Load(RepositoryPaths.Suite("default"));

        var bundle = SuiteBundle.FromSuite(RepositoryPaths.Suite("default"), original.Study!);
        var target = Directory.CreateDirectory(Path.Combine(_temp.Path, "agent")).FullName;
        var copy = SuiteLoader.Load(bundle.ExtractTo(target));

        // The suite climbs to ../workloads: the bundle keeps that layout, rooted at the folder holding both.
        Assert.Equal("suites/default.yaml", bundle.Suite);
        Assert.Equal(original.Study!.Workloads.Count + 1, bundle.Files.Count);
        Assert.Empty(bundle.Problems());
        Assert.Equal(original.Study.Compare.Select(c => c.Probe), copy.Study!.Compare.Select(c => c.Probe));
        Assert.Equal(original.Study.Workloads.Select(w => (w.Workload.Name, w.SessionsPerMinute)), copy.Study.Workloads.Select(w => (w.Workload.Name, w.SessionsPerMinute)));
        Assert.All(copy.Study.Workloads, w => Assert.StartsWith(target, w.File, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../escape.yaml")]
    [InlineData("/etc/cron.d/x")]
    [InlineData("a/../../b.yaml")]
    [InlineData("a//b.yaml")]
    [InlineData("a b.yaml")]
    [InlineData("./a.yaml")]
    public void Problems_APathOffTheWireThatCouldLeaveTheFolder_Refused(string path)
    {
        var bundle = new SuiteBundle("suite.yaml", new Dictionary<string, string> { ["suite.yaml"] = "version: 1", [path] = "x" });

        var problem = Assert.Single(bundle.Problems());

        Assert.Contains($"'{path}'", problem, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => bundle.ExtractTo(_temp.Path));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Problems_TheSuiteNotAmongTheFiles_Refused()
    {
        var bundle = new SuiteBundle("suite.yaml", new Dictionary<string, string> { ["other.yaml"] = "x" });

        Assert.Contains(bundle.Problems(), p => p.Contains("'suite.yaml' is not among", StringComparison.Ordinal));
    }
}
