using Latency.Bench.Application;
using Latency.Bench.Distributed;

namespace Latency.Tests.Distributed;

public class DistributedSubjectsTests
{
    [Theory]
    [InlineData("mumbai")]
    [InlineData("kuala-lumpur")]
    [InlineData("agent_7")]
    public void TokenProblem_FitToken_None(string value)
    {
        Assert.Null(DistributedSubjects.TokenProblem("--probe", value));
    }

    [Theory]
    [InlineData("a.b", "'a.b' may hold only letters")]
    [InlineData("*", "may hold only letters")]
    [InlineData(">", "may hold only letters")]
    [InlineData("two words", "may hold only letters")]
    [InlineData("", "must not be empty")]
    public void TokenProblem_ValueThatWouldChangeASubject_Named(string value, string expected)
    {
        var problem = DistributedSubjects.TokenProblem("--name", value);

        Assert.NotNull(problem);
        Assert.StartsWith("--name: ", problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void ToToken_HostNameWithDots_Dashes()
    {
        Assert.Equal("probe-1-ap-south-1-compute-internal", DistributedSubjects.ToToken("probe-1.ap-south-1.compute.internal"));
        Assert.Null(DistributedSubjects.TokenProblem("--name", DistributedSubjects.ToToken("a b.c*d>e")));
    }

    [Fact]
    public void Heartbeat_MatchesTheWildcardCoordinatorsListenOn()
    {
        var subject = DistributedSubjects.Heartbeat("mumbai", "host-1");
        var pattern = DistributedSubjects.AllHeartbeats.Split('.');
        var tokens = subject.Split('.');

        Assert.Equal(pattern.Length, tokens.Length);
        Assert.All(pattern.Zip(tokens), pair => Assert.True(pair.First == "*" || pair.First == pair.Second, $"{pair.First} vs {pair.Second}"));
    }

    [Fact]
    public void NatsEndpoint_BadUrlAndMissingCreds_EveryProblemNamed()
    {
        var endpoint = new NatsEndpoint("http://host:4222,nats://ok:4222,nonsense", "/nonexistent/agent.creds");

        var problems = endpoint.Problems();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--nats: 'http://host:4222'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--nats: 'nonsense'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--creds: /nonexistent/agent.creds", StringComparison.Ordinal));
    }

    [Fact]
    public void AgentRequest_BadProbeAndUrl_BothReported()
    {
        var request = new AgentRequest(new NatsEndpoint("localhost"), "mum.bai", "ok");

        var problems = request.Problems();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--probe:", StringComparison.Ordinal));
    }
}
