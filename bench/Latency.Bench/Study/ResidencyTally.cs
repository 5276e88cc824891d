using System.Collections.Concurrent;
using Latency.RunDirectory;
using Latency.Scenarios.Residency;

namespace Latency.Bench.Study;

/// <summary>
/// A study's residency counts: one <see cref="FlowCounter"/> per cell, option (the deployment under test) and
/// deployment reached, which sessions fill as they go (every session played, the unrecorded warm-up ones and a warm
/// connection's opening request included: they reach the deployment all the same). At the end
/// <see cref="ToInfo"/> adds the copies the plan declares and gives run.json's <c>study.residency</c>.
/// </summary>
public sealed class ResidencyTally
{
    private readonly ConcurrentDictionary<(string Scenario, string Option, string Deployment), FlowCounter> _counters = new();

    /// <summary>The counter of <paramref name="scenario"/>'s sessions on <paramref name="option"/> reaching <paramref name="deployment"/>.</summary>
    /// <param name="scenario">The cell's scenario name.</param>
    /// <param name="option">The deployment under test.</param>
    /// <param name="deployment">The deployment a request goes to (the option, or a role's).</param>
    public FlowCounter For(string scenario, string option, string deployment) =>
        _counters.GetOrAdd((scenario, option, deployment), _ => new FlowCounter());

    /// <summary>run.json's <c>study.residency</c>: the counted flows in a stable order, then the copies they imply.</summary>
    /// <param name="plan">Jurisdictions, copies and forbidden jurisdictions.</param>
    public ResidencyInfo ToInfo(ResidencyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var direct = _counters
            .OrderBy(c => c.Key.Scenario, StringComparer.Ordinal).ThenBy(c => c.Key.Option, StringComparer.Ordinal).ThenBy(c => c.Key.Deployment, StringComparer.Ordinal)
            .Select(c => new ResidencyFlow
            {
                Scenario = c.Key.Scenario,
                Option = c.Key.Option,
                Deployment = c.Key.Deployment,
                Jurisdiction = plan.JurisdictionOf(c.Key.Deployment),
                Requests = c.Value.Requests,
                BytesSent = c.Value.BytesSent,
                BytesReceived = c.Value.BytesReceived,
            })
            .ToList();
        return new ResidencyInfo
        {
            Forbidden = plan.Forbidden,
            Jurisdictions = plan.Jurisdictions,
            Names = plan.Jurisdictions.Values.Concat(plan.Forbidden).OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(code => Scenarios.Worlds.WorldCountries.Known.Contains(code))
                .ToDictionary(code => code, Scenarios.Worlds.WorldCountries.EnglishName, StringComparer.Ordinal),
            Replication = [.. plan.Replication.Select(r => new ResidencyReplication { From = r.From, To = r.To, Fraction = r.Fraction })],
            Flows = [.. direct, .. Copies(direct, plan)],
        };
    }

    /// <summary>
    /// The copies of each flow's user data: per jurisdiction other than the written deployment's own, the largest
    /// share copied there (data copied twice into one jurisdiction reached it once; data copied within its own
    /// jurisdiction went nowhere new). Copies are not copied again.
    /// </summary>
    /// <param name="direct">The counted flows.</param>
    /// <param name="plan">The declared copies and jurisdictions.</param>
    public static IEnumerable<ResidencyFlow> Copies(IEnumerable<ResidencyFlow> direct, ResidencyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var flow in direct.Where(f => f.BytesSent > 0))
        {
            var widest = plan.Replication
                .Where(r => r.From == flow.Deployment && plan.JurisdictionOf(r.To) is var to && (to is null || to != flow.Jurisdiction))
                .GroupBy(r => plan.JurisdictionOf(r.To) ?? "?" + r.To, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(r => r.Fraction).ThenBy(r => r.To, StringComparer.Ordinal).First());
            foreach (var copy in widest)
            {
                yield return new ResidencyFlow
                {
                    Scenario = flow.Scenario,
                    Option = flow.Option,
                    Deployment = copy.To,
                    Jurisdiction = plan.JurisdictionOf(copy.To),
                    Replicated = true,
                    ReplicatedFrom = flow.Deployment,
                    BytesSent = (long)Math.Round(flow.BytesSent * copy.Fraction, MidpointRounding.AwayFromZero),
                };
            }
        }
    }
}
