using System.Globalization;
using Latency.RunDirectory;

namespace Latency.Bench.Distributed;

/// <summary>
/// The run.json of a distributed run, from the coordinator's plan and each agent's own run.json: the agents' scenarios
/// side by side (a scenario that several agents of one probe shared is merged by <see cref="SharedScenarioMerge"/>:
/// counters added, figures and thresholds from the merged histograms), the study's comparisons in the plan's order, and
/// per agent its host, clock and how its part ended. An agent that sent no end (lost, killed) keeps what its logs
/// carried; the run is then partial and says whose part is missing.
/// </summary>
public static class DistributedManifest
{
    /// <summary>Merges; <paramref name="problems"/> hears about an agent's run.json that cannot be read.</summary>
    /// <param name="plan">The coordinator's plan.</param>
    /// <param name="done">Each agent's end, by name.</param>
    /// <param name="lost">Agents the coordinator gave up on, with why (silent for 5 s, say), by name.</param>
    /// <param name="coordinatorHost">Who merged (run.json's <c>distributed.coordinator</c>).</param>
    /// <param name="problems">Where unreadable agent results are told.</param>
    /// <param name="totals">The run's histograms merged over every log, for scenarios several agents shared; null when none did.</param>
    public static RunManifest Merge(DistributedPlan plan, IReadOnlyDictionary<string, AgentDone> done, IReadOnlyDictionary<string, string> lost,
        string coordinatorHost, ICollection<string> problems, IReadOnlyDictionary<HistogramTag, HdrHistogram.HistogramBase>? totals = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(lost);
        ArgumentNullException.ThrowIfNull(problems);
        var parts = plan.Agents.Select(agent => Part(agent, done.GetValueOrDefault(agent.Name), lost.GetValueOrDefault(agent.Name), problems)).ToList();
        var manifests = parts.Where(p => p.Manifest is not null).Select(p => (Agent: p.Info, Manifest: p.Manifest!)).ToList();
        var agents = parts.Select(p => p.Info).ToList();
        var incomplete = agents.Where(a => a.Status != RunStatus.Complete).ToList();
        var status = incomplete.Count == 0 ? RunStatus.Complete
            : incomplete.Count == agents.Count && incomplete.All(a => a.Status == RunStatus.Failed) ? RunStatus.Failed
            : RunStatus.Partial;
        var notes = new List<string>();
        foreach (var agent in agents.Where(a => a.ClockUncertaintyMs > plan.ClockUncertaintyBoundMs))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"agent {agent.Name} ({agent.Probe}): clock offset uncertain by {agent.ClockUncertaintyMs:0.#} ms, beyond the bound of {plan.ClockUncertaintyBoundMs:0.#} ms: its start and interval times may be off by that much"));
        }

        var backend = manifests.Select(m => (NetworkBackend?)m.Manifest.Environment.NetworkBackend).FirstOrDefault() ?? plan.Environment.NetworkBackend;
        return Latency.Bench.Study.ResidencyThresholdChecks.Reapply(new RunManifest
        {
            Tool = manifests.Select(m => m.Manifest.Tool).FirstOrDefault() ?? new ToolInfo { Name = "latency", Version = plan.Agents.FirstOrDefault()?.Version ?? "0.0.0" },
            Suite = plan.Suite,
            Environment = plan.Environment with { NetworkBackend = backend },
            StartedUtc = plan.StartUtc,
            EndedUtc = manifests.Select(m => ToCoordinator(m.Manifest.EndedUtc, m.Agent)).DefaultIfEmpty(plan.StartUtc).Max(),
            Status = status,
            StatusReason = status == RunStatus.Complete ? null
                : string.Join("; ", incomplete.Select(a => $"agent {a.Name} ({a.Probe}): {a.StatusReason ?? a.Status.ToString().ToLowerInvariant()}")),
            Scenarios = [.. manifests.SelectMany(m => m.Manifest.Scenarios).GroupBy(s => s.Name, StringComparer.Ordinal)
                .Select(parts => SharedScenarioMerge.Merge([.. parts], totals ?? new Dictionary<HistogramTag, HdrHistogram.HistogramBase>()))],
            Study = Study(plan, manifests.Select(m => m.Manifest.Study).OfType<StudyInfo>().ToList()),
            // The busiest agent's: the report warns about a saturated harness, and one saturated agent is enough to worry.
            Harness = manifests.Select(m => m.Manifest.Harness).OfType<HarnessInfo>().OrderByDescending(h => h.CpuCoresP95).FirstOrDefault(),
            Distributed = new DistributedInfo
            {
                RunId = plan.RunId,
                Coordinator = coordinatorHost,
                StartUtc = plan.StartUtc,
                ClockUncertaintyBoundMs = plan.ClockUncertaintyBoundMs,
                Agents = agents,
                Notes = notes,
            },
        });
    }

    private static (AgentRunInfo Info, RunManifest? Manifest) Part(AgentRunInfo planned, AgentDone? done, string? lost, ICollection<string> problems)
    {
        if (done is null)
        {
            return (planned with
            {
                Status = RunStatus.Partial,
                StatusReason = (lost ?? "sent no end") + "; its cells hold the intervals that reached the stream",
            }, null);
        }

        RunManifest? manifest = null;
        if (done.RunJson is { } text)
        {
            try
            {
                manifest = RunManifestFile.FromText($"{planned.Name}'s run.json", text);
            }
            catch (RunDirectoryFormatException ex)
            {
                problems.Add($"agent {planned.Name} ({planned.Probe}): {ex.Message}");
            }
        }

        var reason = done.StatusReason;
        if (done.UnsentTexts > 0)
        {
            reason = (reason is null ? "" : reason + "; ") +
                     string.Create(CultureInfo.InvariantCulture, $"{done.UnsentTexts} interval texts never reached the stream (the agent's own run directory has them)");
        }

        var status = done.UnsentTexts > 0 && done.Status == RunStatus.Complete ? RunStatus.Partial : done.Status;
        return (planned with
        {
            Status = status,
            StatusReason = status == RunStatus.Complete ? null : reason,
            Scenarios = manifest is null ? planned.Scenarios : [.. manifest.Scenarios.Select(s => s.Name)],
            Harness = manifest?.Harness,
        }, manifest);
    }

    private static DateTimeOffset ToCoordinator(DateTimeOffset agentTime, AgentRunInfo agent) =>
        agentTime + TimeSpan.FromMilliseconds(agent.ClockOffsetMs ?? 0);

    private static StudyInfo? Study(DistributedPlan plan, List<StudyInfo> studies)
    {
        if (studies.Count == 0 && plan.Comparisons.Count == 0)
        {
            return null;
        }

        var template = studies.FirstOrDefault() ?? new StudyInfo();
        var sent = studies.SelectMany(s => s.Comparisons).GroupBy(c => c.Probe, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return template with
        {
            // The plan's order (the suite's), each as its agent described it (country and city from its world) when it could.
            Comparisons = [.. plan.Comparisons.Select(c => sent.GetValueOrDefault(c.Probe) ?? c)],
            Places = [.. studies.SelectMany(s => s.Places).DistinctBy(p => (p.Kind, p.Name))],
            PrecisionWorkloads = [.. studies.SelectMany(s => s.PrecisionWorkloads).Distinct(StringComparer.Ordinal)],
            HandsetSessions = studies.Any(s => s.HandsetSessions is not null) ? studies.Sum(s => s.HandsetSessions ?? 0) : null,
            HandsetShortfalls = studies.Any(s => s.HandsetShortfalls is not null) ? studies.Sum(s => s.HandsetShortfalls ?? 0) : null,
            Residency = Residency(studies.Select(s => s.Residency).OfType<ResidencyInfo>().ToList()),
        };
    }

    // Each agent counted its own sessions: flows of one cell, option and deployment (several agents of a probe) are added.
    private static ResidencyInfo? Residency(List<ResidencyInfo> parts)
    {
        if (parts.Count == 0) return null;
        return parts[0] with
        {
            Jurisdictions = parts.SelectMany(p => p.Jurisdictions).DistinctBy(j => j.Key, StringComparer.Ordinal).ToDictionary(j => j.Key, j => j.Value, StringComparer.Ordinal),
            Flows = [.. parts.SelectMany(p => p.Flows)
                .GroupBy(f => (f.Scenario, f.Option, f.Deployment, f.Replicated, f.ReplicatedFrom))
                .Select(g => g.First() with { Requests = g.Sum(f => f.Requests), BytesSent = g.Sum(f => f.BytesSent), BytesReceived = g.Sum(f => f.BytesReceived) })],
        };
    }
}
