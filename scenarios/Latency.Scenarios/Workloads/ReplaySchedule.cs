using Latency.Scenarios.Load;

namespace Latency.Scenarios.Workloads;

/// <summary>
/// When each request of a replay session (a HAR import) is due: at its recorded offset from the session's start,
/// whatever happened to the requests before it, so a replay keeps the capture's inter-request timing and a slow
/// response never shifts the requests after it (they are measured from these intended times). A pure function of
/// the offsets, like the load pacers: no clock inside.
/// </summary>
public sealed class ReplaySchedule
{
    private ReplaySchedule(IReadOnlyList<ReplayItem> items) => Items = items;

    /// <summary>Requests in the order they are due (ties keep the workload's order).</summary>
    public IReadOnlyList<ReplayItem> Items { get; }

    /// <summary>From the session's start to the last request's due time.</summary>
    public TimeSpan Span => Items.Count == 0 ? TimeSpan.Zero : Items[^1].Due;

    /// <summary>The schedule of a replay workload.</summary>
    /// <exception cref="ArgumentException">The workload is not a replay, or a request has no offset or a negative one.</exception>
    public static ReplaySchedule From(WorkloadDefinition workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (!workload.Replay)
        {
            throw new ArgumentException($"workload '{workload.Name}' is not a replay: its requests run one after another", nameof(workload));
        }

        return From(workload.Requests);
    }

    /// <summary>The schedule of requests that each carry an <see cref="WorkloadRequest.Offset"/>.</summary>
    /// <exception cref="ArgumentException">A request has no offset or a negative one.</exception>
    public static ReplaySchedule From(IEnumerable<WorkloadRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var list = requests.ToList();
        var problems = list.Where(r => r.Offset is null || r.Offset < TimeSpan.Zero)
            .Select(r => r.Offset is null ? $"'{r.Name}' has no offset (at:)" : $"'{r.Name}' has a negative offset").ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("a replay needs every request's offset: " + string.Join("; ", problems), nameof(requests));
        }

        var items = list.Select((r, i) => (Request: r, Index: i))
            .OrderBy(x => x.Request.Offset!.Value).ThenBy(x => x.Index)
            .Select((x, sequence) => new ReplayItem(sequence, x.Request, x.Request.Offset!.Value))
            .ToList();
        return new ReplaySchedule(items);
    }

    /// <summary>Offset of request <paramref name="index"/> from the session's start, or null past the last: the pace
    /// function a replay's schedule loop runs on.</summary>
    public TimeSpan? DueTime(long index) => index >= 0 && index < Items.Count ? Items[(int)index].Due : null;

    /// <summary>
    /// After <paramref name="issued"/> requests were sent and <paramref name="elapsed"/> since the session's start:
    /// how long to wait for the next one (zero when it is overdue: send it now, its lateness is counted), or stop.
    /// </summary>
    public PacingDecision Next(TimeSpan elapsed, int issued)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(issued);
        if (issued >= Items.Count)
        {
            return PacingDecision.Done;
        }

        var due = Items[issued].Due;
        return new PacingDecision(due > elapsed ? due - elapsed : TimeSpan.Zero, due, Stop: false);
    }
}
