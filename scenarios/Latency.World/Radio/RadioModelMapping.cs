using Latency.Scenarios.Worlds;

namespace Latency.World.Radio;

/// <summary>
/// From a world file's <see cref="RadioModel"/> (cited milliseconds) to the emulator's <see cref="RadioParameters"/>
/// (time spans): the one place where the file's units become the state machine's.
/// </summary>
public static class RadioModelMapping
{
    /// <summary>The radio parameters a probe's <c>last_mile.radio</c> describes.</summary>
    /// <param name="model">The probe's radio as the world file gives it.</param>
    /// <returns>The same radio in time spans; <see cref="RadioParameters.Drx"/> is null where the file has no
    /// <c>drx</c>, and the short phase becomes a count of short cycles.</returns>
    /// <exception cref="ArgumentException">The short phase is not a whole number of short cycles (the reader
    /// rejects such a file; a model built in code can still carry one).</exception>
    public static RadioParameters ToParameters(RadioModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new RadioParameters(
            Milliseconds(model.PromotionMeanMs),
            Milliseconds(model.PromotionSdMs),
            Milliseconds(model.TailMs),
            model.Drx is { } drx ? ToParameters(drx) : null);
    }

    private static DrxParameters ToParameters(DrxCycle drx)
    {
        var cycles = drx.ShortPhaseMs.Value / drx.ShortCycleMs.Value;
        var shortCycleCount = Math.Round(cycles);
        if (Math.Abs(cycles - shortCycleCount) > 1e-9)
        {
            // Rounding would quietly change a cited figure; the reader reports this with the file's line.
            throw new ArgumentException(
                $"short DRX phase {drx.ShortPhaseMs.Value} ms is not a whole number of {drx.ShortCycleMs.Value} ms short cycles",
                nameof(drx));
        }

        return new DrxParameters(
            Milliseconds(drx.InactivityMs),
            Milliseconds(drx.ShortCycleMs),
            (int)shortCycleCount,
            Milliseconds(drx.LongCycleMs),
            Milliseconds(drx.OnDurationMs));
    }

    private static TimeSpan Milliseconds(CitedValue value) => TimeSpan.FromMilliseconds(value.Value);
}
