namespace Latency.Scenarios.Worlds;

/// <summary>
/// The values of a path, as written in a world file: the base values of a path, or one profile's overrides (where
/// null means "keep the base value"). All delays are backbone only; the probe's last mile is added when resolving.
/// </summary>
public sealed record PathParameters
{
    /// <summary>Backbone round trip between the user city and the site, without the last mile (<c>rtt_ms</c>).</summary>
    public CitedValue? RttMs { get; init; }

    /// <summary>Standard deviation of extra one-way delay, applied to each direction (<c>jitter_ms</c>); none when null.</summary>
    public CitedValue? JitterMs { get; init; }

    /// <summary>Random loss, probe to deployment, in percent (<c>loss_up_pct</c>); none when null.</summary>
    public CitedValue? LossUpPct { get; init; }

    /// <summary>Random loss, deployment to probe, in percent (<c>loss_down_pct</c>); none when null.</summary>
    public CitedValue? LossDownPct { get; init; }

    /// <summary>Bursty loss probe to deployment (<c>burst_loss_up</c>); replaces <see cref="LossUpPct"/> when set.</summary>
    public CitedBurstLoss? BurstLossUp { get; init; }

    /// <summary>Bursty loss deployment to probe (<c>burst_loss_down</c>); replaces <see cref="LossDownPct"/> when set.</summary>
    public CitedBurstLoss? BurstLossDown { get; init; }

    /// <summary>Backbone bandwidth limit probe to deployment (<c>bandwidth_up_mbps</c>); only the last mile limits when null.</summary>
    public CitedValue? BandwidthUpMbps { get; init; }

    /// <summary>Backbone bandwidth limit deployment to probe (<c>bandwidth_down_mbps</c>); only the last mile limits when null.</summary>
    public CitedValue? BandwidthDownMbps { get; init; }

    /// <summary>
    /// These values with every value <paramref name="overrides"/> sets replacing this one's. Setting a loss
    /// percentage also drops a burst-loss model of the same direction, since that would otherwise still win.
    /// </summary>
    public PathParameters OverriddenBy(PathParameters overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return new PathParameters
        {
            RttMs = overrides.RttMs ?? RttMs,
            JitterMs = overrides.JitterMs ?? JitterMs,
            LossUpPct = overrides.LossUpPct ?? LossUpPct,
            LossDownPct = overrides.LossDownPct ?? LossDownPct,
            BurstLossUp = overrides.BurstLossUp ?? (overrides.LossUpPct is null ? BurstLossUp : null),
            BurstLossDown = overrides.BurstLossDown ?? (overrides.LossDownPct is null ? BurstLossDown : null),
            BandwidthUpMbps = overrides.BandwidthUpMbps ?? BandwidthUpMbps,
            BandwidthDownMbps = overrides.BandwidthDownMbps ?? BandwidthDownMbps,
        };
    }
}
