using Latency.Scenarios.Workloads;

namespace Latency.Tests.Workloads;

public sealed class WorkloadWriterTests
{
    private static readonly WorkloadDefinition Sequential = new(
        "app-cold-start",
        "Opening the app: \"config\", feed\nand thumbnails \\ emoji \u00e9 \t tab",
        "2",
        ConnectionMode.Warm,
        [
            new WorkloadRequest("config", "GET", "service", null, 0, 2048, TimeSpan.FromMilliseconds(20)),
            new WorkloadParallel("thumbnails",
            [
                new WorkloadRequest("thumb-1", "GET", "cdn", null, 0, 30_000, TimeSpan.FromTicks(12_345)),
                new WorkloadRequest("thumb-2", "HEAD", "service", "/a b?x=1&y=#z: 'q'", 0, 1, TimeSpan.Zero),
            ]),
            new WorkloadThink(TimeSpan.FromTicks(15_000_001)),
            new WorkloadRequest("backup", "POST", "service", null, 5_000_000, 0, TimeSpan.FromSeconds(1.5)),
        ],
        Replay: false,
        Location: null);

    private static readonly WorkloadDefinition Replayed = new(
        "har-capture",
        "imported",
        "1.1",
        ConnectionMode.New,
        [
            new WorkloadRequest("page", "GET", "service", "/index.html", 0, 1234, TimeSpan.Zero, TimeSpan.Zero),
            new WorkloadRequest("api.1", "POST", "service", "/api", 17, 99, TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(125)),
            new WorkloadRequest("late", "GET", "service", "/late", 0, 0, TimeSpan.Zero, TimeSpan.FromTicks(36_000_000_001)),
        ],
        Replay: true,
        Location: null);

    [Fact]
    public void ParseOfWrite_SequentialWorkload_EqualsTheOriginal()
    {
        var text = WorkloadWriter.Write(Sequential);

        Assert.Equal(Sequential, WorkloadLoader.Parse(text, "w.yaml"));
    }

    [Fact]
    public void ParseOfWrite_ReplayWorkload_EqualsTheOriginal()
    {
        var text = WorkloadWriter.Write(Replayed, "Imported from capture.har\n\nby latency import-har");

        Assert.StartsWith("# Imported from capture.har\n#\n# by latency import-har\nversion: 1\n", text);
        Assert.Equal(Replayed, WorkloadLoader.Parse(text, "w.yaml"));
    }

    [Fact]
    public void Equals_DifferentRequestSize_IsFalse()
    {
        var changed = Sequential with { Steps = [.. Sequential.Steps.Take(3), new WorkloadRequest("backup", "POST", "service", null, 5_000_001, 0, TimeSpan.FromSeconds(1.5))] };

        Assert.NotEqual(Sequential, changed);
        Assert.NotEqual(Sequential, WorkloadLoader.Parse(WorkloadWriter.Write(changed), "w.yaml"));
    }

    [Fact]
    public void Write_SimpleWorkload_LooksLikeTheReference()
    {
        var workload = new WorkloadDefinition("ping", "A ping.", "2", ConnectionMode.New,
            [new WorkloadRequest("ping", "GET", "service", null, 0, 64, TimeSpan.FromMilliseconds(2)), new WorkloadThink(TimeSpan.FromSeconds(2))],
            false, null);

        Assert.Equal(
            """
            version: 1
            name: ping
            description: "A ping."
            http: "2"
            connection: new
            replay: false
            steps:
              - request: { name: ping, method: GET, response_bytes: 64, server_ms: 2 }
              - think: 2s

            """.ReplaceLineEndings("\n"),
            WorkloadWriter.Write(workload));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1_250_000L, "0.125s")]
    [InlineData(1_200_000_000L, "120s")]
    [InlineData(1L, "0.0001ms")]
    [InlineData(12_345L, "1.2345ms")]
    public void Duration_Ticks_WritesExactly(long ticks, string expected)
    {
        Assert.Equal(expected, WorkloadWriter.Duration(TimeSpan.FromTicks(ticks)));
    }
}
