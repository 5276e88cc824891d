using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Latency.Scenarios.Worlds;

/// <summary>The <c>last_mile.radio</c> part of <see cref="WorldReader"/>: promotion, tail, DRX and technology shares.</summary>
internal sealed partial class WorldReader
{
    private static readonly string[] RadioKeys = ["technology", "promotion_ms", "tail_ms", "drx", "technology_share"];
    private static readonly string[] PromotionKeys = ["mean", "sd"];
    private static readonly string[] DrxKeys = ["inactivity_ms", "short_cycle_ms", "short_phase_ms", "long_cycle_ms", "on_duration_ms"];

    // Shares are read from rounded publications, so a sum a hair over 1 is rounding, not a mistake.
    private const double ShareRounding = 0.005;

    private RadioModel? OptionalRadio(Dictionary<string, YamlNode> lastMile)
    {
        if (!lastMile.TryGetValue("radio", out var node)) return null;
        var map = context.Mapping(node, "'radio'");
        if (map is null) return null;
        var fields = context.Fields(map, RadioKeys);

        var technology = context.Required(fields, "technology", map, "'radio'");
        if (technology is not null && !RadioModel.Technologies.Contains(technology))
        {
            context.Error(fields["technology"], $"unknown technology '{technology}' (use {string.Join(", ", RadioModel.Technologies)})");
            technology = null;
        }

        CitedValue? mean = null, sd = null;
        if (!fields.TryGetValue("promotion_ms", out var promotionNode))
        {
            context.Error(map, "'radio' is missing 'promotion_ms' (mean, sd)");
        }
        else if (context.Mapping(promotionNode, "'promotion_ms'") is { } promotion)
        {
            var pm = context.Fields(promotion, PromotionKeys);
            mean = RequiredCited(pm, "mean", promotion, "'promotion_ms'", Bound.Positive);
            sd = RequiredCited(pm, "sd", promotion, "'promotion_ms'", Bound.NonNegative);
            if (mean is { Value: >= RadioModel.MaxPromotionMs })
            {
                context.Error(pm["mean"], $"'promotion_ms' mean must be below {RadioModel.MaxPromotionMs.ToString(CultureInfo.InvariantCulture)} ms (got {mean.Value.ToString(CultureInfo.InvariantCulture)})");
                mean = null;
            }
        }

        var tail = RequiredCited(fields, "tail_ms", map, "'radio'", Bound.NonNegative);
        var drx = OptionalDrx(fields);
        var share = OptionalShare(fields);
        var drxOk = !fields.ContainsKey("drx") || drx is not null;
        var shareOk = !fields.ContainsKey("technology_share") || share is not null;
        return technology is not null && mean is not null && sd is not null && tail is not null && drxOk && shareOk
            ? new RadioModel(technology, mean, sd, tail, drx, share, context.At(map))
            : null;
    }

    private DrxCycle? OptionalDrx(Dictionary<string, YamlNode> radio)
    {
        if (!radio.TryGetValue("drx", out var node)) return null;
        var map = context.Mapping(node, "'drx'");
        if (map is null) return null;
        var fields = context.Fields(map, DrxKeys);
        var inactivity = RequiredCited(fields, "inactivity_ms", map, "'drx'", Bound.NonNegative);
        var shortCycle = RequiredCited(fields, "short_cycle_ms", map, "'drx'", Bound.Positive);
        var shortPhase = RequiredCited(fields, "short_phase_ms", map, "'drx'", Bound.NonNegative);
        var longCycle = RequiredCited(fields, "long_cycle_ms", map, "'drx'", Bound.Positive);
        var onDuration = RequiredCited(fields, "on_duration_ms", map, "'drx'", Bound.Positive);
        if (shortCycle is not null && longCycle is not null && shortCycle.Value > longCycle.Value)
        {
            // 3GPP has the long cycle a multiple of the short one; a short cycle longer than the long one is a swap.
            context.Error(fields["short_cycle_ms"], $"'short_cycle_ms' ({shortCycle.Value.ToString(CultureInfo.InvariantCulture)}) must not be longer than 'long_cycle_ms' ({longCycle.Value.ToString(CultureInfo.InvariantCulture)})");
            return null;
        }

        if (shortCycle is not null && shortPhase is not null && !IsWholeMultiple(shortPhase.Value, shortCycle.Value))
        {
            // The emulator counts the short phase in short cycles (3GPP's drxShortCycleTimer is a number of them), so
            // a phase that ends mid-cycle could only be rounded, silently changing the cited figure. Checked after
            // the swap above, which would otherwise report one mistake twice.
            context.Error(fields["short_phase_ms"], $"'short_phase_ms' ({shortPhase.Value.ToString(CultureInfo.InvariantCulture)}) must be a whole multiple of 'short_cycle_ms' ({shortCycle.Value.ToString(CultureInfo.InvariantCulture)})");
            shortPhase = null;
        }

        return inactivity is not null && shortCycle is not null && shortPhase is not null && longCycle is not null && onDuration is not null
            ? new DrxCycle(inactivity, shortCycle, shortPhase, longCycle, onDuration)
            : null;
    }

    // Milliseconds are written as decimals (0.5 ms is legal), so "whole multiple" allows for binary rounding.
    private static bool IsWholeMultiple(double value, double unit)
    {
        var cycles = value / unit;
        return Math.Abs(cycles - Math.Round(cycles)) < 1e-9;
    }

    private TechnologyShare? OptionalShare(Dictionary<string, YamlNode> radio)
    {
        if (!radio.TryGetValue("technology_share", out var node)) return null;
        var map = context.Mapping(node, "'technology_share'");
        if (map is null) return null;
        var fields = context.Fields(map, RadioModel.Technologies);
        if (fields.Count == 0)
        {
            context.Error(map, $"'technology_share' needs at least one of {string.Join(", ", RadioModel.Technologies)}");
            return null;
        }

        var nr = OptionalCited(fields, "nr", Bound.Fraction);
        var lte = OptionalCited(fields, "lte", Bound.Fraction);
        var umts = OptionalCited(fields, "umts", Bound.Fraction);
        if ((fields.ContainsKey("nr") && nr is null) || (fields.ContainsKey("lte") && lte is null) || (fields.ContainsKey("umts") && umts is null))
        {
            return null;
        }

        var share = new TechnologyShare(nr, lte, umts);
        if (share.Total > 1 + ShareRounding)
        {
            context.Error(map, $"'technology_share' sums to {share.Total.ToString(CultureInfo.InvariantCulture)}, more than 1");
            return null;
        }

        return share;
    }
}
