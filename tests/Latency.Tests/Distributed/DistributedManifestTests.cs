using Latency.Bench.Distributed;
using Latency.RunDirectory;
using Latency.Tests.Reports;

namespace Latency.Tests.Distributed;

public class DistributedManifestTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    private static AgentRunInfo Planned(string probe, string name, double offsetMs = 0, double uncertaintyMs = 0.2) => new()
    {
        Probe = probe,
        Name = name,
        Host = "host-" + name,
        Version = "1.0.0",
        ClockOffsetMs = offsetMs,
        ClockUncertaintyMs = uncertaintyMs,
        Status = RunStatus.Partial,
        StatusReason = "running",
        Scenarios = [probe + ".ping"],
    };

    private static DistributedPlan Plan(params AgentRunInfo[] agents) => new("run1", new SuiteInfo { Name = "two" },
        ManifestSamples.Partial().Environment with { MachineName = "coordinator" }, Start, 10, agents,
        [.. agents.Select(a => new StudyComparison { Probe = a.Probe, Origin = "beijing", InRegion = ["near"] })]);

    // An agent's own run.json: one scenario named after its probe, ended a minute after the start on its own clock.
    private static string AgentRunJson(string probe, long ok, long handsetSessions, RunStatus status = RunStatus.Complete)
    {
        var sample = ManifestSamples.Partial();
        var scenario = sample.Scenarios[0] with
        {
            Name = probe + ".ping",
            Iterations = sample.Scenarios[0].Iterations with { Ok = ok },
            Thresholds = [new ThresholdResult { Text = "p95 < 300ms", Passed = probe != "lab-b", Observed = "p95 = 412 ms" }],
        };
        var manifest = sample with
        {
            StartedUtc = Start,
            EndedUtc = Start.AddMinutes(1),
            Status = status,
            StatusReason = status == RunStatus.Complete ? null : "interrupted",
            Scenarios = [scenario],
            Study = new StudyInfo
            {
                Name = "two",
                Comparisons = [new StudyComparison { Probe = probe, Country = "Country of " + probe, Origin = "beijing", InRegion = ["near"] }],
                HandsetSessions = handsetSessions,
            },
        };
        return System.Text.Json.JsonSerializer.Serialize(manifest, RunDirectoryJson.Options);
    }

    private static AgentDone Done(string probe, string name, long ok, long handsets, RunStatus status = RunStatus.Complete, long unsent = 0) =>
        new(name, probe, status, status == RunStatus.Complete ? null : "stopped", AgentRunJson(probe, ok, handsets, status), null, unsent);

    [Fact]
    public void Merge_EveryAgentComplete_ScenariosSideBySide_CountsAsRecorded_ComparisonsInPlanOrder()
    {
        var plan = Plan(Planned("lab-a", "a1"), Planned("lab-b", "b1"));
        var done = new Dictionary<string, AgentDone> { ["b1"] = Done("lab-b", "b1", 70, 5), ["a1"] = Done("lab-a", "a1", 40, 3) };
        var problems = new List<string>();

        var manifest = DistributedManifest.Merge(plan, done, new Dictionary<string, string>(), "coordinator", problems);

        Assert.Empty(problems);
        Assert.Equal(RunStatus.Complete, manifest.Status);
        Assert.Null(manifest.StatusReason);
        Assert.Equal(["lab-a.ping", "lab-b.ping"], manifest.Scenarios.Select(s => s.Name));
        Assert.Equal([40L, 70L], manifest.Scenarios.Select(s => s.Iterations.Ok));
        Assert.Equal(["lab-a", "lab-b"], manifest.Study!.Comparisons.Select(c => c.Probe));
        Assert.Equal("Country of lab-a", manifest.Study.Comparisons[0].Country);
        Assert.Equal(8, manifest.Study.HandsetSessions);
        Assert.Equal(Start, manifest.StartedUtc);
        Assert.Equal("coordinator", manifest.Environment.MachineName);
        Assert.All(manifest.Distributed!.Agents, a => Assert.Equal(RunStatus.Complete, a.Status));
        Assert.Empty(manifest.Distributed.Notes);
        // The agents' own threshold results stand: each scenario's data is one agent's whole data.
        Assert.Single(manifest.Scenarios.SelectMany(s => s.Thresholds), t => !t.Passed);
    }

    [Fact]
    public void Merge_AnAgentLost_RunPartial_ItsReasonNamed_TheOthersComplete_ItsProbeStillCompared()
    {
        var plan = Plan(Planned("lab-a", "a1"), Planned("lab-b", "b1"));
        var done = new Dictionary<string, AgentDone> { ["a1"] = Done("lab-a", "a1", 40, 3) };
        var lost = new Dictionary<string, string> { ["b1"] = "lost: no heartbeat for 5 s from 06:00:20 UTC" };

        var manifest = DistributedManifest.Merge(plan, done, lost, "coordinator", []);

        Assert.Equal(RunStatus.Partial, manifest.Status);
        Assert.StartsWith("agent b1 (lab-b): lost: no heartbeat for 5 s", manifest.StatusReason, StringComparison.Ordinal);
        var b1 = manifest.Distributed!.Agents.Single(a => a.Name == "b1");
        Assert.Equal(RunStatus.Partial, b1.Status);
        Assert.Contains("its cells hold the intervals that reached the stream", b1.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["lab-a.ping"], manifest.Scenarios.Select(s => s.Name));
        Assert.Equal(["lab-a", "lab-b"], manifest.Study!.Comparisons.Select(c => c.Probe));
    }

    [Fact]
    public void Merge_TextsThatNeverReachedTheStream_ThatAgentPartial()
    {
        var plan = Plan(Planned("lab-a", "a1"));
        var done = new Dictionary<string, AgentDone> { ["a1"] = Done("lab-a", "a1", 40, 3, unsent: 12) };

        var manifest = DistributedManifest.Merge(plan, done, new Dictionary<string, string>(), "coordinator", []);

        Assert.Equal(RunStatus.Partial, manifest.Status);
        Assert.Contains("12 interval texts never reached the stream", manifest.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_EveryAgentFailed_RunFailed()
    {
        var plan = Plan(Planned("lab-a", "a1"));
        var done = new Dictionary<string, AgentDone> { ["a1"] = new("a1", "lab-a", RunStatus.Failed, "IOException: disk full", null, null, 0) };

        var manifest = DistributedManifest.Merge(plan, done, new Dictionary<string, string>(), "coordinator", []);

        Assert.Equal(RunStatus.Failed, manifest.Status);
        Assert.Contains("IOException: disk full", manifest.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_AnUncertainClock_Noted_AndAnAgentsEndOnTheCoordinatorsClock()
    {
        var plan = Plan(Planned("lab-a", "a1", offsetMs: 1500, uncertaintyMs: 42));
        var done = new Dictionary<string, AgentDone> { ["a1"] = Done("lab-a", "a1", 40, 3) };

        var manifest = DistributedManifest.Merge(plan, done, new Dictionary<string, string>(), "coordinator", []);

        var note = Assert.Single(manifest.Distributed!.Notes);
        Assert.Contains("uncertain by 42 ms, beyond the bound of 10 ms", note, StringComparison.Ordinal);
        Assert.Equal(Start.AddMinutes(1).AddMilliseconds(1500), manifest.EndedUtc);
    }

    [Fact]
    public void Merge_AnUnreadableRunJson_Told_TheAgentsStatusKept()
    {
        var plan = Plan(Planned("lab-a", "a1"));
        var done = new Dictionary<string, AgentDone> { ["a1"] = new("a1", "lab-a", RunStatus.Complete, null, "{ not json", null, 0) };
        var problems = new List<string>();

        var manifest = DistributedManifest.Merge(plan, done, new Dictionary<string, string>(), "coordinator", problems);

        Assert.Contains(problems, p => p.StartsWith("agent a1 (lab-a): ", StringComparison.Ordinal));
        Assert.Empty(manifest.Scenarios);
    }
}
