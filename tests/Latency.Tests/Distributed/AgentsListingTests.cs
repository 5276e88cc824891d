using Latency.Bench.Cli;
using Latency.Bench.Distributed;

namespace Latency.Tests.Distributed;

public class AgentsListingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Format_NoAgent_SaysSoWithTheListeningTime()
    {
        Assert.Equal("no agent heard in 3 s", AgentsCommand.Format([], TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Format_Agents_OneAlignedLineEach_LostOnesMarked()
    {
        var live = new AgentPresence(new AgentHeartbeat("mumbai", "in-1", "ip-10-0-0-1", "1.0.0+abc", 10, Start, Start, 3, "idle"),
            Start, TimeSpan.FromSeconds(0.4), false);
        var lost = new AgentPresence(new AgentHeartbeat("kuala-lumpur", "my-1", "h2", "1.0.0+abc", 11, Start, Start, 9, "idle"),
            Start, TimeSpan.FromSeconds(7.2), true);

        var lines = AgentsCommand.Format([lost, live], TimeSpan.FromSeconds(3)).Split(Environment.NewLine);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("probe         agent  host", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("kuala-lumpur  my-1   h2", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("7.2 s ago (lost)", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("0.4 s ago", lines[2], StringComparison.Ordinal);
        Assert.Equal(lines[1].IndexOf("idle", StringComparison.Ordinal), lines[2].IndexOf("idle", StringComparison.Ordinal));
    }
}
