using System.Globalization;
using Latency.Reports.Study;

namespace Latency.Reports.Charts;

/// <summary>
/// The one colour scale of the first screen's grid and map: a comparison's p50 gain in classes, blue where the
/// in-region deployment is clearly faster (ColorBrewer "Blues", 5 classes), orange where it is clearly slower
/// (ColorBrewer "Oranges", 3 classes), grey where the verdict is anything else. Both ColorBrewer schemes are marked
/// colour-blind safe by their authors (Brewer, colorbrewer2.org). Classes, not a continuous ramp, so a reader can
/// match a cell with the legend; every cell also carries its value and verdict as text, so colour is never alone.
/// </summary>
public static class GainScale
{
    /// <summary>Fill of a comparison without a clear difference, too few sessions or too many errors.</summary>
    public const string NeutralFill = "#d9d9d9";

    /// <summary>The classes, from clearly slower to clearly faster; a gain falls in the class whose range holds it.</summary>
    public static readonly IReadOnlyList<GainClass> Classes =
    [
        new(0, 0.5, "#e6550d", "#ffffff", "more than 2x slower"),
        new(0.5, 1 / 1.5, "#fdae6b", "#222222", "1.5-2x slower"),
        new(1 / 1.5, 1, "#fee6ce", "#222222", "up to 1.5x slower"),
        new(1, 1.5, "#eff3ff", "#222222", "up to 1.5x faster"),
        new(1.5, 2, "#bdd7e7", "#222222", "1.5-2x faster"),
        new(2, 3, "#6baed6", "#222222", "2-3x faster"),
        new(3, 4, "#3182bd", "#ffffff", "3-4x faster"),
        new(4, double.PositiveInfinity, "#08519c", "#ffffff", "4x faster or more"),
    ];

    /// <summary>
    /// The fill and text colour of a comparison: its gain's class when the verdict is faster or slower, else the
    /// neutral grey (the verdict decides, not the gain alone: a 1.3x gain whose interval holds 1x is grey).
    /// </summary>
    /// <param name="verdict">The comparison's <see cref="StudyVerdict"/>.</param>
    /// <param name="gain">Its p50 gain; null when not estimated.</param>
    public static (string Fill, string Text) Colours(string verdict, double? gain)
    {
        if (verdict is not (StudyVerdict.Faster or StudyVerdict.Slower) || gain is not { } g || !double.IsFinite(g) || g <= 0)
        {
            return (NeutralFill, "#222222");
        }

        var match = Classes.First(c => g < c.To || double.IsPositiveInfinity(c.To));
        return (match.Fill, match.Text);
    }

    /// <summary>The classes a legend needs for <paramref name="cells"/> (the faster and slower classes they use), in scale order.</summary>
    public static IReadOnlyList<GainClass> Used(IEnumerable<(string Verdict, double? Gain)> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var fills = cells.Select(c => Colours(c.Verdict, c.Gain).Fill).ToHashSet(StringComparer.Ordinal);
        return Classes.Where(c => fills.Contains(c.Fill)).ToList();
    }

    /// <summary>A gain as the grid writes it: "4.3x".</summary>
    public static string Format(double gain) => gain.ToString(gain >= 10 ? "0" : "0.0", CultureInfo.InvariantCulture) + "x";
}
