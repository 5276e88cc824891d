using System.Collections.Concurrent;
using Latency.Bench.Load;
using Latency.Scenarios.Load;
using Latency.Scenarios.Workloads;

namespace Latency.Bench.Study;

/// <summary>
/// Turns a study cell into an engine scenario named <c>&lt;probe&gt;.&lt;workload&gt;</c>. Arrivals are open-model
/// Poisson; each arrival runs the session once on every compared deployment, in an order drawn at random for that
/// arrival, so drift in the network or the machine hits all deployments alike (a paired comparison).
/// </summary>
public static class StudyScenarioFactory
{
    public static string ScenarioName(string probe, string workload) => $"{probe}.{workload}";

    /// <summary>
    /// Unrecorded arrivals (a session on every deployment each) a cell runs before recording starts: a cold process
    /// made the default run's first half-minute slower than the rest (issue 10: Mumbai's in-region cold starts took
    /// 1,000-2,200 ms in it, 400-500 ms after), which is the harness, not the network. Two, so that every path has
    /// opened a connection and every code path has run at least once after its first call; none starts after 30 s.
    /// </summary>
    public const int WarmUpSessions = 2;

    /// <param name="cell">The probe, workload, deployments and rate.</param>
    /// <param name="target">Where a probe reaches a deployment (probe, deployment).</param>
    /// <param name="warm">Clients kept open for workloads on warm connections.</param>
    /// <param name="duration">How long arrivals go on.</param>
    /// <param name="seed">The study's seed. Each cell draws from its own stream of it, derived from (seed, probe,
    /// workload): probes with the same rate must not start their sessions at the same instants or alternate
    /// deployments in the same order, and the same suite must still repeat exactly.</param>
    /// <param name="thresholds">The study's thresholds (<see cref="CellThresholds"/> says which this cell checks).</param>
    /// <param name="sampling">The study's adaptive sampling, when it has a precision: an adaptive cell's arrivals are
    /// drawn at its max rate and thinned to its own rate once its interval is narrow enough.</param>
    /// <param name="handsets">The probe's handset pool, when sessions send from handsets (study radio on and the
    /// world has them); null: from the probe's own address.</param>
    /// <param name="radio">Reads the handsets' radio waits from the world's ledger, so each session records its radio
    /// time; null where there is no ledger.</param>
    /// <param name="share">Which of the cell's arrivals this process plays when several agents serve its probe
    /// (<see cref="Distributed.ArrivalShare"/>); null: all of them.</param>
    /// <param name="residency">Counts what each option's sessions send to and receive from each deployment; null: not counted.</param>
    public static ScenarioProps Create(StudyCell cell, Func<string, string, SessionTarget> target, WarmClients warm, TimeSpan duration, int seed,
        IReadOnlyList<string>? thresholds = null, AdaptiveSampling? sampling = null, HandsetPool? handsets = null, RadioMeter? radio = null,
        Distributed.ArrivalShare? share = null, ResidencyTally? residency = null)
    {
        seed = CellSeed(seed, cell);
        var idleSeed = StableSeed.Mix(seed, "idle_before");
        var adaptive = sampling?.Filter(cell, seed);
        var filter = (share ?? Distributed.ArrivalShare.Whole).And(adaptive);
        var runner = new SessionRunner(cell.Workload);
        var name = ScenarioName(cell.Probe, cell.Workload.Name);
        var targets = cell.Deployments.ToDictionary(d => d, d => Targets(cell, d, target, residency), StringComparer.Ordinal);
        var warmWorkload = cell.Workload.Connection == ConnectionMode.Warm;
        var warmHandsets = cell.Deployments.ToDictionary(d => d, _ => new ConcurrentDictionary<System.Net.IPAddress, byte>(), StringComparer.Ordinal);
        return Scenario.Create(name, async context =>
            {
                var order = Shuffle(cell.Deployments, StableSeed.Mix(seed, unchecked((int)context.InvocationNumber)));
                Response? failed = null;
                // The first session is measured from the arrival's intended time, so a late start shows in it (as in
                // the engine's corrected latency); the others start when the one before ends. The order is random per
                // arrival, so any lateness falls on every deployment alike.
                long? intended = context.IntendedStart;
                // One quiet time per arrival, the same for every deployment (a paired comparison), and a handset per
                // session, all rented now so the two sides never share a radio; each goes back when its session ends.
                var idle = cell.Workload.IdleBefore.Sample(new Random(StableSeed.Mix(idleSeed, unchecked((int)context.InvocationNumber))));
                // A warm session prefers a handset whose connection to its deployment is open already, so heartbeats
                // settle on a few phones that each keep their push connection, as real ones do.
                var rented = order.Select(d => handsets?.Rent(idle, warmWorkload ? a => warmHandsets[d].ContainsKey(a) : null)).ToArray();
                try
                {
                    for (var i = 0; i < order.Count; i++)
                    {
                        try
                        {
                            var from = targets[order[i]].ToDictionary(t => t.Key, t => t.Value.From(rented[i]), StringComparer.Ordinal);
                            // A handset's first warm session opens its connection first, outside the session's time
                            // (measured from its actual start then): the radio is then connected, warmer than asked;
                            // counted with the pool's shortfalls so the report says so.
                            if (await runner.OpenWarmAsync(from, warm, context.CancellationToken).ConfigureAwait(false))
                            {
                                intended = null;
                                if (rented[i] is { } opened)
                                {
                                    warmHandsets[order[i]].TryAdd(opened, 0);
                                    if (idle > TimeSpan.Zero)
                                    {
                                        handsets!.NoteShortfall();
                                    }
                                }
                            }

                            var response = await runner.RunAsync(context, order[i], from, warm, intended, radio?.For(rented[i])).ConfigureAwait(false);
                            intended = null;
                            failed ??= response.IsError ? response : null;
                        }
                        finally
                        {
                            Release(handsets, ref rented[i]);
                        }
                    }
                }
                finally
                {
                    // Sessions that never ran (the run was stopped): their handsets go back too.
                    for (var i = 0; i < rented.Length; i++)
                    {
                        Release(handsets, ref rented[i]);
                    }
                }

                return failed ?? Response.Ok();
            })
            .WithLoadSimulations(Arrivals(cell, duration, atMaxRate: adaptive is not null))
            .WithArrivalFilter(filter)
            .WithWarmUpIterations(WarmUpSessions)
            .WithThresholds([.. CellThresholds(cell, thresholds ?? [])])
            .WithSeed(seed)
            // Sessions last seconds (uploads, downloads over slow paths): allow many at once, and a long start delay
            // before an arrival counts as dropped.
            .WithMaxConcurrency(32)
            .WithMaxStartDelay(TimeSpan.FromSeconds(30))
            .WithLabels(new Dictionary<string, string> { ["http"] = cell.Workload.HttpVersion, ["probe"] = cell.Probe, ["workload"] = cell.Workload.Name });
    }

    /// <summary>
    /// The study's thresholds as this cell's scenario checks them: each applies to the session time of every compared
    /// deployment (the scenario's step named after the deployment), in the cells of the workload its prefix names, or
    /// in every cell without a prefix. <c>app-cold-start: p95 &lt; 2s</c> becomes <c>beijing: p95 &lt; 2s</c> and
    /// <c>mumbai: p95 &lt; 2s</c> in each app-cold-start cell, so a failure names the probe, workload and deployment.
    /// </summary>
    public static IEnumerable<string> CellThresholds(StudyCell cell, IEnumerable<string> studyThresholds)
    {
        foreach (var text in studyThresholds)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && text[..colon].Trim() != cell.Workload.Name)
            {
                continue;
            }

            var check = (colon >= 0 ? text[(colon + 1)..] : text).Trim();
            foreach (var deployment in cell.Deployments)
            {
                yield return $"{deployment}: {check}";
            }
        }
    }

    /// <summary>The seed of one cell's arrivals and deployment orders: the study's seed, mixed with the probe and workload.</summary>
    public static int CellSeed(int studySeed, StudyCell cell) => StableSeed.Mix(studySeed, $"{cell.Probe}\n{cell.Workload.Name}");

    /// <summary>
    /// Poisson arrivals at the cell's rate, drawn per one-second interval (a Poisson process restarted every second
    /// is still one: its gaps are memoryless), so any duration of a second or more works.
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <param name="duration">How long arrivals go on.</param>
    /// <param name="atMaxRate">At the cell's <see cref="StudyCell.MaxSessionsPerMinute"/> (adaptive sampling thins them).</param>
    public static LoadSimulation Arrivals(StudyCell cell, TimeSpan duration, bool atMaxRate = false)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var perSecond = (atMaxRate && cell.MaxSessionsPerMinute is { } max ? max : cell.SessionsPerMinute) / 60;
        return new InjectRandom(perSecond, perSecond, TimeSpan.FromSeconds(1), duration);
    }

    private static IReadOnlyDictionary<string, SessionTarget> Targets(StudyCell cell, string deployment, Func<string, string, SessionTarget> target,
        ResidencyTally? residency)
    {
        var targets = new Dictionary<string, SessionTarget>(StringComparer.Ordinal);
        foreach (var role in cell.Workload.Roles)
        {
            var to = role == WorkloadRequest.ServiceRole ? deployment : cell.FixedRoles[role];
            targets[role] = target(cell.Probe, to) with { Flow = residency?.For(ScenarioName(cell.Probe, cell.Workload.Name), deployment, to) };
        }

        return targets;
    }

    private static void Release(HandsetPool? pool, ref System.Net.IPAddress? handset)
    {
        if (handset is null) return;
        pool!.Return(handset);
        handset = null;
    }

    /// <summary>Fisher-Yates with a generator seeded per arrival: reproducible, and independent between arrivals.</summary>
    private static IReadOnlyList<string> Shuffle(IReadOnlyList<string> items, int seed)
    {
        var random = new Random(seed);
        var copy = items.ToArray();
        for (var i = copy.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy;
    }
}
