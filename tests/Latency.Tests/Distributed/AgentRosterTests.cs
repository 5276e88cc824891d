using Latency.Bench.Distributed;
using Microsoft.Extensions.Time.Testing;

namespace Latency.Tests.Distributed;

public class AgentRosterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 4, 0, 0, TimeSpan.Zero);

    private static AgentHeartbeat Beat(string probe, string name, long sequence = 0, int processId = 100) =>
        new(probe, name, "host-" + name, "1.0.0", processId, Start, Start, sequence, "idle");

    [Fact]
    public void MissingProbes_NamesTheProbesWithNoAgent_InTheOrderGiven()
    {
        var time = new FakeTimeProvider(Start);
        var roster = new AgentRoster(time);
        roster.Heard(Beat("mumbai", "a"));
        roster.Heard(Beat("taipei", "b"));

        Assert.Equal(["jakarta", "manila"], roster.MissingProbes(["jakarta", "mumbai", "manila", "taipei", "jakarta"]));
    }

    [Fact]
    public void Snapshot_AgentSilentPastLostAfter_IsLostAndItsProbeMissing()
    {
        var time = new FakeTimeProvider(Start);
        var roster = new AgentRoster(time);
        roster.Heard(Beat("mumbai", "a"));
        roster.Heard(Beat("taipei", "b"));

        time.Advance(TimeSpan.FromSeconds(4));
        roster.Heard(Beat("taipei", "b", 4));
        time.Advance(TimeSpan.FromSeconds(1.5));

        var agents = roster.Snapshot();
        Assert.True(agents.Single(a => a.Last.Name == "a").Lost);
        Assert.Equal(TimeSpan.FromSeconds(5.5), agents.Single(a => a.Last.Name == "a").Silence);
        Assert.False(agents.Single(a => a.Last.Name == "b").Lost);
        Assert.Equal(["mumbai"], roster.MissingProbes(["mumbai", "taipei"]));
    }

    [Fact]
    public void Heard_AgainAfterBeingLost_PresentAgain()
    {
        var time = new FakeTimeProvider(Start);
        var roster = new AgentRoster(time);
        roster.Heard(Beat("mumbai", "a"));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(roster.MissingProbes(["mumbai"]));

        roster.Heard(Beat("mumbai", "a", 30));

        Assert.Empty(roster.MissingProbes(["mumbai"]));
    }

    [Fact]
    public void Present_SeveralAgentsOfAProbe_OrderedByName_LostOnesLeftOut()
    {
        var time = new FakeTimeProvider(Start);
        var roster = new AgentRoster(time);
        roster.Heard(Beat("mumbai", "zeta"));
        roster.Heard(Beat("mumbai", "old"));
        time.Advance(TimeSpan.FromSeconds(6));
        roster.Heard(Beat("mumbai", "zeta", 6));
        roster.Heard(Beat("mumbai", "alpha"));
        roster.Heard(Beat("taipei", "b"));

        Assert.Equal(["alpha", "zeta"], roster.Present("mumbai").Select(a => a.Last.Name));
    }

    [Fact]
    public void Heard_LateOlderHeartbeatOfTheSameProcess_DoesNotRollBack()
    {
        var time = new FakeTimeProvider(Start);
        var roster = new AgentRoster(time);
        roster.Heard(Beat("mumbai", "a", 5));
        roster.Heard(Beat("mumbai", "a", 3));

        Assert.Equal(5, roster.Snapshot().Single().Last.Sequence);
    }

    [Fact]
    public void Heard_RestartedAgent_NewProcessReplacesTheOld()
    {
        var time = new FakeTimeProvider(Start);
        var roster = new AgentRoster(time);
        roster.Heard(Beat("mumbai", "a", 500, processId: 100));
        roster.Heard(Beat("mumbai", "a", 0, processId: 200));

        var agent = Assert.Single(roster.Snapshot());
        Assert.Equal(200, agent.Last.ProcessId);
    }

    [Fact]
    public void Constructor_NonPositiveLostAfter_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentRoster(TimeProvider.System, TimeSpan.Zero));
    }
}
