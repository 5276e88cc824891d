using Latency.Scenarios.Load;
using Latency.Scenarios.Workloads;
using Xunit;

namespace Latency.Tests.Workloads;

public sealed class ReplayScheduleTests
{
    [Fact]
    public void From_RequestsOutOfOrder_AreDueAtTheirOffsetsInOffsetOrderTiesKeepingWorkloadOrder()
    {
        var schedule = ReplaySchedule.From(Replay(("c", 600), ("a", 0), ("b1", 250), ("b2", 250)));

        Assert.Equal(["a", "b1", "b2", "c"], schedule.Items.Select(i => i.Request.Name));
        Assert.Equal([0, 250, 250, 600], schedule.Items.Select(i => (int)i.Due.TotalMilliseconds));
        Assert.Equal([0, 1, 2, 3], schedule.Items.Select(i => i.Sequence));
        Assert.Equal(TimeSpan.FromMilliseconds(600), schedule.Span);
    }

    public static TheoryData<int, int, PacingDecision> Decisions => new()
    {
        // elapsed ms, issued -> wait until the next due time (from the session start, not from the previous send)
        { 0, 0, new PacingDecision(TimeSpan.Zero, TimeSpan.Zero, false) },
        { 0, 1, new PacingDecision(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), false) },
        { 40, 1, new PacingDecision(TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(100), false) },
        // A late previous send does not push the next one back: it is still due at 250 ms.
        { 180, 2, new PacingDecision(TimeSpan.FromMilliseconds(70), TimeSpan.FromMilliseconds(250), false) },
        // Overdue: send now; the lateness is counted against the intended time.
        { 700, 3, new PacingDecision(TimeSpan.Zero, TimeSpan.FromMilliseconds(600), false) },
        { 700, 4, PacingDecision.Done },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Next_ElapsedAndIssued_WaitsUntilTheNextIntendedTime(int elapsedMs, int issued, PacingDecision expected)
    {
        var schedule = ReplaySchedule.From(Replay(("a", 0), ("b", 100), ("c", 250), ("d", 600)));

        Assert.Equal(expected, schedule.Next(TimeSpan.FromMilliseconds(elapsedMs), issued));
    }

    [Fact]
    public void From_NotAReplay_Throws()
    {
        var workload = new WorkloadDefinition("seq", "", "1.1", ConnectionMode.New, [Request("a", null)], Replay: false, Location: null);

        Assert.Throws<ArgumentException>(() => ReplaySchedule.From(workload));
    }

    [Fact]
    public void From_RequestWithoutOffset_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => ReplaySchedule.From([Request("a", 0), Request("b", null)]));

        Assert.Contains("'b' has no offset", error.Message, StringComparison.Ordinal);
    }

    private static WorkloadDefinition Replay(params (string Name, int OffsetMs)[] requests) =>
        new("replay", "", "1.1", ConnectionMode.New, requests.Select(r => (WorkloadStep)Request(r.Name, r.OffsetMs)).ToList(),
            Replay: true, Location: null);

    private static WorkloadRequest Request(string name, int? offsetMs) =>
        new(name, "GET", WorkloadRequest.ServiceRole, "/" + name, 0, 10, TimeSpan.Zero,
            offsetMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
}
