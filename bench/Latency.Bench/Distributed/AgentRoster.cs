namespace Latency.Bench.Distributed;

/// <summary>
/// The agents a coordinator has heard, by probe and name, and which of them are lost (silent for longer than
/// <see cref="LostAfter"/>). Fed from the heartbeat subscription's thread, read from others: every member locks.
/// </summary>
public sealed class AgentRoster
{
    /// <summary>Five missed heartbeats: an agent silent this long has its cells marked partial (issue's rule).</summary>
    public static readonly TimeSpan DefaultLostAfter = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly Dictionary<(string Probe, string Name), (AgentHeartbeat Last, DateTimeOffset Heard)> _agents = [];
    private readonly Lock _lock = new();

    /// <param name="time">The coordinator's clock (a fake one in tests).</param>
    /// <param name="lostAfter">Silence after which an agent counts as lost; <see cref="DefaultLostAfter"/> when null.</param>
    public AgentRoster(TimeProvider time, TimeSpan? lostAfter = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        LostAfter = lostAfter ?? DefaultLostAfter;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LostAfter, TimeSpan.Zero, nameof(lostAfter));
    }

    public TimeSpan LostAfter { get; }

    /// <summary>A heartbeat arrived now: its agent is present (again), with what it says.</summary>
    public void Heard(AgentHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            // A restarted agent (same probe and name, new process) replaces the old one; an older heartbeat arriving
            // late (sequence below the one kept, same process) does not roll it back.
            if (_agents.TryGetValue((heartbeat.Probe, heartbeat.Name), out var known) && known.Last.ProcessId == heartbeat.ProcessId &&
                known.Last.Started == heartbeat.Started && known.Last.Sequence > heartbeat.Sequence)
            {
                return;
            }

            _agents[(heartbeat.Probe, heartbeat.Name)] = (heartbeat, now);
        }
    }

    /// <summary>Every agent heard, lost ones too, ordered by probe and name.</summary>
    public IReadOnlyList<AgentPresence> Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return [.. _agents.Values
                .Select(a => new AgentPresence(a.Last, a.Heard, now - a.Heard, now - a.Heard > LostAfter))
                .OrderBy(a => a.Last.Probe, StringComparer.Ordinal)
                .ThenBy(a => a.Last.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>The agents of <paramref name="probe"/> that are not lost, ordered by name (the order their arrival shares follow).</summary>
    public IReadOnlyList<AgentPresence> Present(string probe) =>
        [.. Snapshot().Where(a => !a.Lost && string.Equals(a.Last.Probe, probe, StringComparison.Ordinal))];

    /// <summary>The probes of <paramref name="probes"/> that have no agent present, in the order given.</summary>
    public IReadOnlyList<string> MissingProbes(IEnumerable<string> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var present = Snapshot().Where(a => !a.Lost).Select(a => a.Last.Probe).ToHashSet(StringComparer.Ordinal);
        return [.. probes.Distinct(StringComparer.Ordinal).Where(p => !present.Contains(p))];
    }
}
