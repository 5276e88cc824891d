namespace Latency.Reports.Charts;

/// <summary>
/// Places the study map's labels so that they neither overlap each other nor cover a marker, by a simple greedy rule:
/// labels are placed one at a time (the caller places the countries' first, as they carry the answer); each tries
/// beside its marker on the side with more room first (the right for a marker in the left half of the map, the left
/// otherwise), then the other side, then both sides one, two and three lines lower and higher, then centred above and
/// below the marker, and takes the first position that stays on the map and is free. When none is free it takes the
/// one that overlaps least, so a crowded map overlaps a little rather than losing a label. The caller estimates the
/// text's size from its characters (<see cref="CharacterWidth"/>, <see cref="LineHeight"/>: no font is measured when
/// the report is built), generously, so that the estimated boxes cover the real text.
/// </summary>
internal sealed class StudyMapLabelPlacer(double width, double height)
{
    /// <summary>Average advance of a sans-serif character as a share of the font size, rounded up (DejaVu Sans ~0.55).</summary>
    public const double CharacterWidth = 0.6;

    /// <summary>A line's height as a share of the font size.</summary>
    public const double LineHeight = 1.3;

    private const double Gap = 4;

    private readonly List<(double X0, double Y0, double X1, double Y1)> markers = [];
    private readonly List<(double X0, double Y0, double X1, double Y1)> labels = [];

    /// <summary>Keeps labels off a marker of half-size <paramref name="radius"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void Reserve(double x, double y, double radius) => markers.Add((x - radius, y - radius, x + radius, y + radius));

    /// <summary>
    /// Where to write a label of <paramref name="textWidth"/> x <paramref name="textHeight"/> px for the marker at
    /// (<paramref name="x"/>, <paramref name="y"/>): the x of its SVG <c>text-anchor</c> ("start" right of the marker,
    /// "end" left of it, "middle" above or below it), and the box it takes.
    /// </summary>
    /// <param name="x">The marker's centre, px from the left.</param>
    /// <param name="y">The marker's centre, px from the top.</param>
    /// <param name="radius">The marker's half-size.</param>
    /// <param name="textWidth">The label's estimated width.</param>
    /// <param name="textHeight">The label's height (its lines').</param>
    /// <param name="step">How far a label moves up or down at a time: a line of its main text.</param>
    public (double X, string Anchor, (double X0, double Y0, double X1, double Y1) Box) Place(double x, double y, double radius, double textWidth, double textHeight, double step)
    {
        var own = (x - radius, y - radius, x + radius, y + radius);
        var others = labels.Concat(markers.Where(m => m != own)).ToList();
        (double X, string Anchor, (double X0, double Y0, double X1, double Y1) Box, double Overlap)? best = null;
        foreach (var (anchor, x0, y0) in Candidates(x, y, radius, textWidth, textHeight, step))
        {
            (double X0, double Y0, double X1, double Y1) box = (x0, y0, x0 + textWidth, y0 + textHeight);
            if (box.X0 < 0 || box.X1 > width || box.Y0 < 0 || box.Y1 > height)
            {
                continue;
            }

            var overlap = others.Sum(b => Overlap(b, box));
            if (best is null || overlap < best.Value.Overlap)
            {
                best = (anchor switch { "end" => box.X1, "middle" => (box.X0 + box.X1) / 2, _ => box.X0 }, anchor, box, overlap);
            }

            if (overlap == 0)
            {
                break;
            }
        }

        var chosen = best ?? (x + radius + Gap, "start", (x + radius + Gap, y - textHeight / 2, x + radius + Gap + textWidth, y + textHeight / 2), 0);
        labels.Add(chosen.Box);
        return (chosen.X, chosen.Anchor, chosen.Box);
    }

    /// <summary>The positions tried, in order: text anchor and the top left of the text's box.</summary>
    private IEnumerable<(string Anchor, double X0, double Y0)> Candidates(double x, double y, double radius, double textWidth, double textHeight, double step)
    {
        var preferLeft = x > width / 2;
        foreach (var shift in new[] { 0, 1, -1, 2, -2, 3, -3 })
        {
            foreach (var left in new[] { preferLeft, !preferLeft })
            {
                yield return left
                    ? ("end", x - radius - Gap - textWidth, y - step / 2 + shift * step)
                    : ("start", x + radius + Gap, y - step / 2 + shift * step);
            }
        }

        yield return ("middle", x - textWidth / 2, y - radius - textHeight);
        yield return ("middle", x - textWidth / 2, y + radius);
    }

    private static double Overlap((double X0, double Y0, double X1, double Y1) a, (double X0, double Y0, double X1, double Y1) b) =>
        Math.Max(0, Math.Min(a.X1, b.X1) - Math.Max(a.X0, b.X0)) * Math.Max(0, Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0));
}
