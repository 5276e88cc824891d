namespace Latency.World.Radio;

/// <summary>
/// The LTE radio resource control (RRC) model of one handset's radio (Huang et al., "A Close Examination of
/// Performance and Power Characteristics of 4G LTE Networks", MobiSys 2012): an idle radio is promoted to
/// connected before any packet passes; a connected radio sleeps in <see cref="Drx"/> cycles when quiet; after
/// <see cref="TailTimer"/> without a packet it is idle again. No defaults: the world file gives every value.
/// </summary>
/// <param name="PromotionDelayMean">Mean time from the first packet of an idle handset to connected.</param>
/// <param name="PromotionDelayStandardDeviation">Standard deviation of that time. Each promotion is drawn from a
/// lognormal distribution with this mean and standard deviation (zero: every promotion takes the mean). Lognormal
/// rather than a normal truncated at zero: it keeps the configured mean and standard deviation exactly whatever
/// their ratio (truncation raises the mean once the deviation is a sizeable share of it), it is never negative,
/// and it has the long right tail that measured promotion delays show.</param>
/// <param name="TailTimer">Time without a packet after which the radio returns to idle (the RRC inactivity
/// timer, the "tail").</param>
/// <param name="Drx">Connected-mode discontinuous reception, or null where there is none (a connected radio then
/// always listens).</param>
public sealed record RadioParameters(
    TimeSpan PromotionDelayMean,
    TimeSpan PromotionDelayStandardDeviation,
    TimeSpan TailTimer,
    DrxParameters? Drx)
{
    /// <summary>Every reason these parameters cannot describe a radio; empty when they can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        RequireNotNegative(errors, "promotion delay mean", PromotionDelayMean);
        RequireNotNegative(errors, "promotion delay standard deviation", PromotionDelayStandardDeviation);
        if (PromotionDelayMean == TimeSpan.Zero && PromotionDelayStandardDeviation > TimeSpan.Zero)
        {
            // A lognormal's mean is positive whenever it varies: a zero mean can only be a constant zero.
            errors.Add($"promotion delay standard deviation {PromotionDelayStandardDeviation} needs a positive mean");
        }

        RequirePositive(errors, "tail timer", TailTimer);
        if (Drx is not null)
        {
            errors.AddRange(Drx.Validate());
        }

        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds anything, with every error in one message.</summary>
    /// <exception cref="ArgumentException">The parameters are invalid.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid radio parameters: " + string.Join("; ", errors));
        }
    }

    internal static void RequireNotNegative(List<string> errors, string name, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{name} {value} is negative");
        }
    }

    internal static void RequirePositive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} {value} must be positive");
        }
    }
}
