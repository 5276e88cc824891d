using System.Globalization;
using System.Xml.Linq;
using Latency.RunDirectory;
using Latency.Reports.Study;

namespace Latency.Reports.Charts;

/// <summary>
/// The first screen's map (issue 11): the countries studied as points at their users' city, each filled on
/// <see cref="GainScale"/> and labelled with its p50 gain, the origin and the in-region deployments as points, drawn
/// as a self-contained SVG when the report is built (no script, nothing fetched when it is viewed). Borders in this
/// region are disputed (India, China, Taiwan) and any outline would take a side in front of our readers, so the map
/// draws no borders and no land at all, and its caption says so together with its dataset.
/// </summary>
public static class StudyMap
{
    /// <summary>Width of the SVG in pixels: half a report column, so it sits beside the first table on a wide screen.</summary>
    public const int Width = 560;

    /// <summary>Height of the SVG in pixels.</summary>
    public const int Height = 430;

    /// <summary>The dataset sentence when every point cites Natural Earth (asia.yaml's places.csv).</summary>
    public const string NaturalEarthDataset = "Points at city coordinates from Natural Earth populated places (public domain); no borders drawn.";

    /// <summary>The dataset sentence when some point comes from elsewhere: the world file is then the only statement of where.</summary>
    public const string WorldFileDataset = "Points at the coordinates the world file gives (see its location sources); no borders drawn.";

    private const string Font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
    private const double Margin = 12;

    // Beside the outermost markers: the placer puts their labels inward first, but needs room to fall back outward.
    private const double SidePad = 60;
    private const double TopPad = 16;
    private const double CaptionFontSize = 10.5;
    private const double CaptionLineHeight = 14;
    private const double ProbeRadius = 7;
    private const double DeploymentHalfSize = 6;

    // Closer than this on the page, a deployment would hide under its probe's circle (Mumbai, Jakarta, Taipei).
    private const double Coincident = 9;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>
    /// The map of <paramref name="workload"/> (null: the first row's): one marker per probe with a row for it and a place in
    /// <paramref name="study"/>'s <see cref="StudyInfo.Places"/>, with the row's p50 gain and verdict, and the origin and
    /// in-region deployments those rows used. Null when there is nothing to place: no study section, no places (real
    /// endpoints, a world without locations, an older run) or no such row; the report then says "no map: the world file
    /// gives no coordinates".
    /// </summary>
    /// <param name="study">run.json's study section.</param>
    /// <param name="statistics">The report's rows with their verdicts (<see cref="RowStatistics.From(StudySummary, RunData)"/>).</param>
    /// <param name="workload">The workload to show, as in tags; null for the first row's.</param>
    public static StudyMapModel? From(StudyInfo? study, IReadOnlyList<RowStatistics> statistics, string? workload)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (study is null || study.Places.Count == 0)
        {
            return null;
        }

        StudyPlace? Find(string name, string kind) => study.Places.FirstOrDefault(p => p.Name == name && p.Kind == kind);
        var shown = workload ?? statistics.FirstOrDefault()?.Row.Workload;
        var rows = statistics.Where(s => s.Row.Workload == shown && Find(s.Row.Probe, StudyPlace.ProbeKind) is not null).ToList();
        if (shown is null || rows.Count == 0)
        {
            return null;
        }

        // Two probes of one country (Mumbai and New Delhi) would both read "India": those name their city too.
        var shared = rows.GroupBy(s => s.Row.Country, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var probes = rows.Select(s => new StudyMapProbe
        {
            Probe = s.Row.Probe,
            Name = shared.Contains(s.Row.Country) ? s.Row.Place : s.Row.Country,
            Latitude = Find(s.Row.Probe, StudyPlace.ProbeKind)!.Latitude,
            Longitude = Find(s.Row.Probe, StudyPlace.ProbeKind)!.Longitude,
            Gain = s.GainP50?.Gain,
            Verdict = s.Verdict,
            VerdictLabel = StudyVerdict.Label(s.Verdict, s.Row),
            Origin = s.Row.Origin.Deployment,
            InRegion = s.Row.InRegion?.Deployment,
        }).ToList();
        var origins = probes.Select(p => p.Origin).Distinct(StringComparer.Ordinal).ToList();
        var deployments = origins.Concat(probes.Select(p => p.InRegion).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .Select(name => (Place: Find(name, StudyPlace.DeploymentKind), IsOrigin: origins.Contains(name)))
            .Where(d => d.Place is not null)
            .Select(d => new StudyMapDeployment
            {
                Name = d.Place!.Name,
                Label = DeploymentLabel(d.Place, d.IsOrigin),
                Latitude = d.Place.Latitude,
                Longitude = d.Place.Longitude,
                IsOrigin = d.IsOrigin,
            }).ToList();
        var places = probes.Select(p => Find(p.Probe, StudyPlace.ProbeKind)!).Concat(deployments.Select(d => Find(d.Name, StudyPlace.DeploymentKind)!));
        return new StudyMapModel
        {
            Workload = shown,
            Probes = probes,
            Deployments = deployments,
            Dataset = places.All(p => p.Source?.Contains("Natural Earth", StringComparison.Ordinal) == true) ? NaturalEarthDataset : WorldFileDataset,
        };
    }

    /// <summary>
    /// The map as a self-contained SVG document (<see cref="Width"/> x <see cref="Height"/>): lines, markers, labels
    /// with a white halo, and a legend and caption under the map. No script, no image, no external reference.
    /// </summary>
    public static string RenderSvg(StudyMapModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var legend = Flow(LegendItems(model));
        var caption = CaptionSentences(model).SelectMany(sentence => Wrap(sentence, Width - 2 * Margin, CaptionFontSize)).ToList();
        var captionTop = Height - Margin - (legend.Count + caption.Count) * CaptionLineHeight;
        var mapBottom = captionTop - 8;

        var points = model.Probes.Select(p => (p.Latitude, p.Longitude)).Concat(model.Deployments.Select(d => (d.Latitude, d.Longitude))).ToList();
        var projection = new StudyMapProjection(points, Margin + SidePad, Margin + TopPad, Width - 2 * (Margin + SidePad), mapBottom - Margin - 2 * TopPad);
        var probeAt = model.Probes.ToDictionary(p => p.Probe, p => projection.Project(p.Latitude, p.Longitude), StringComparer.Ordinal);
        var deploymentAt = model.Deployments.ToDictionary(d => d.Name, d =>
        {
            var (x, y) = projection.Project(d.Latitude, d.Longitude);
            // A site in its probe's city would hide under the circle: set it just below, so both show.
            return probeAt.Values.Any(p => Math.Abs(p.X - x) < Coincident && Math.Abs(p.Y - y) < Coincident) ? (X: x, Y: y + 2 * DeploymentHalfSize) : (X: x, Y: y);
        }, StringComparer.Ordinal);

        var placer = new StudyMapLabelPlacer(Width, mapBottom);
        foreach (var (x, y) in probeAt.Values)
        {
            placer.Reserve(x, y, ProbeRadius);
        }

        foreach (var (x, y) in deploymentAt.Values)
        {
            placer.Reserve(x, y, DeploymentHalfSize);
        }

        // The countries' labels carry the answer: they get the first pick of places, then the origin, then the sites.
        var labels = model.Probes.Select(p => Label(placer, probeAt[p.Probe], ProbeRadius, ProbeLines(p), "#111111", "data-probe", p.Probe))
            .Concat(model.Deployments.OrderBy(d => !d.IsOrigin).Select(d =>
                Label(placer, deploymentAt[d.Name], DeploymentHalfSize, [(d.Label, d.IsOrigin ? 11 : 10, d.IsOrigin ? "600" : "400")], "#333333", "data-deployment", d.Name)))
            .ToList();

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XAttribute("role", "img"), new XAttribute("font-family", Font), new XAttribute("font-size", N(CaptionFontSize)),
            new XElement(Svg + "title", Title(model)),
            new XElement(Svg + "desc", Description(model)),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("fill", "#ffffff")),
            new XElement(Svg + "g", new XAttribute("class", "links"), Links(model, probeAt, deploymentAt)),
            model.Deployments.Select(d => new XElement(Svg + "g",
                new XAttribute("class", d.IsOrigin ? "deployment origin" : "deployment in-region"), new XAttribute("data-deployment", d.Name),
                d.IsOrigin ? Square(deploymentAt[d.Name]) : Triangle(deploymentAt[d.Name]))),
            model.Probes.Select(p => new XElement(Svg + "g",
                new XAttribute("class", "probe"), new XAttribute("data-probe", p.Probe), new XAttribute("data-verdict", p.Verdict),
                new XElement(Svg + "circle", new XAttribute("cx", N(probeAt[p.Probe].X)), new XAttribute("cy", N(probeAt[p.Probe].Y)),
                    new XAttribute("r", N(ProbeRadius)), new XAttribute("fill", GainScale.Colours(p.Verdict, p.Gain).Fill),
                    new XAttribute("stroke", "#222222"), new XAttribute("stroke-width", "1")))),
            // Labels above every marker and line, so that nothing drawn later can cover one.
            new XElement(Svg + "g", new XAttribute("class", "leaders"), labels.Select(l => l.Leader)),
            new XElement(Svg + "g", new XAttribute("class", "labels"), labels.Select(l => l.Text)),
            new XElement(Svg + "line", new XAttribute("x1", N(Margin)), new XAttribute("x2", N(Width - Margin)), new XAttribute("y1", N(captionTop - 4)),
                new XAttribute("y2", N(captionTop - 4)), new XAttribute("stroke", "#dddddd")),
            new XElement(Svg + "g", new XAttribute("class", "legend"), LegendElements(legend, captionTop)),
            new XElement(Svg + "g", new XAttribute("class", "caption"), new XAttribute("fill", "#444444"),
                caption.Select((line, i) => new XElement(Svg + "text", new XAttribute("x", N(Margin)),
                    new XAttribute("y", N(captionTop + (legend.Count + i) * CaptionLineHeight + CaptionFontSize)), line))));
        return svg.ToString();
    }

    /// <summary>What the map says, as text: for alt text and a figure caption, and for readers who skip the picture.</summary>
    public static string Description(StudyMapModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var origins = model.Deployments.Where(d => d.IsOrigin).Select(d => d.Label).ToList();
        var sites = model.Deployments.Where(d => !d.IsOrigin).Select(d => d.Label).ToList();
        return $"Point map of the study, no borders or land drawn. Circles are where each country's users are, filled by the " +
               $"{WorkloadLabel.Of(model.Workload)} p50 gain: {string.Join("; ", model.Probes.Select(p => p.Text))}. " +
               (origins.Count == 0 ? "" : $"Black square: {string.Join(", ", origins)}. ") +
               (sites.Count == 0 ? "" : $"Triangles: in-region deployments {string.Join(", ", sites)}. ") +
               "Solid lines join a country to its in-region deployment, dashed lines to the origin. " + model.Dataset;
    }

    /// <summary>The caption under the map in words: what the colour means, the workload, the dataset and viewpoint.</summary>
    public static string Caption(StudyMapModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return "Colour: " + string.Join(", ", ColourKey(model).Select(k => k.Label)) + ". " + string.Join(" ", CaptionSentences(model));
    }

    private static IEnumerable<string> CaptionSentences(StudyMapModel model) =>
    [
        $"{WorkloadLabel.Of(model.Workload)}: p50 gain = origin p50 / in-region p50 (above 1x: faster in region). " +
        "Solid lines: to the in-region deployment; dashed: to the origin.",
        model.Dataset + " Equirectangular projection, north up.",
    ];

    private static string Title(StudyMapModel model) => $"Where the study measured: {WorkloadLabel.Of(model.Workload)} p50 gain per country";

    private static string DeploymentLabel(StudyPlace place, bool isOrigin)
    {
        var label = string.IsNullOrWhiteSpace(place.Label) ? place.Name : place.Label;
        return isOrigin && !label.Contains("origin", StringComparison.OrdinalIgnoreCase) ? $"{label} (origin)" : label;
    }

    private static IEnumerable<XElement> Links(StudyMapModel model, Dictionary<string, (double X, double Y)> probeAt, Dictionary<string, (double X, double Y)> deploymentAt)
    {
        // Dashed light grey to the origin first, so the solid lines to the in-region sites, the answer, lie on top.
        foreach (var probe in model.Probes.Where(p => deploymentAt.ContainsKey(p.Origin)))
        {
            yield return Line(probeAt[probe.Probe], deploymentAt[probe.Origin], "#b3b3b3", "4 3");
        }

        foreach (var probe in model.Probes.Where(p => p.InRegion is not null && deploymentAt.ContainsKey(p.InRegion)))
        {
            yield return Line(probeAt[probe.Probe], deploymentAt[probe.InRegion!], "#444444", null);
        }
    }

    private static XElement Line((double X, double Y) from, (double X, double Y) to, string colour, string? dashes) =>
        new(Svg + "line", new XAttribute("x1", N(from.X)), new XAttribute("y1", N(from.Y)), new XAttribute("x2", N(to.X)), new XAttribute("y2", N(to.Y)),
            new XAttribute("stroke", colour), new XAttribute("stroke-width", "1"), dashes is null ? null : new XAttribute("stroke-dasharray", dashes));

    private static XElement Square((double X, double Y) at) =>
        new(Svg + "rect", new XAttribute("x", N(at.X - DeploymentHalfSize + 1)), new XAttribute("y", N(at.Y - DeploymentHalfSize + 1)),
            new XAttribute("width", N(2 * DeploymentHalfSize - 2)), new XAttribute("height", N(2 * DeploymentHalfSize - 2)), new XAttribute("fill", "#000000"));

    private static XElement Triangle((double X, double Y) at)
    {
        var h = DeploymentHalfSize;
        return new XElement(Svg + "polygon",
            new XAttribute("points", $"{N(at.X)},{N(at.Y - h)} {N(at.X + h)},{N(at.Y + h * 0.8)} {N(at.X - h)},{N(at.Y + h * 0.8)}"),
            new XAttribute("fill", "#ffffff"), new XAttribute("stroke", "#222222"), new XAttribute("stroke-width", "1.2"));
    }

    /// <summary>
    /// A country's label: "India 4.7x" on one line; a verdict in words on a second, smaller line under the country
    /// ("Philippines" / "no clear difference"), which keeps the label narrow enough to sit beside its marker.
    /// </summary>
    private static List<(string Text, double Size, string Weight)> ProbeLines(StudyMapProbe probe) =>
        probe.Text.StartsWith(probe.Name + ": ", StringComparison.Ordinal)
            ? [(probe.Name, 12, "600"), (probe.VerdictLabel, 10.5, "400")]
            : [(probe.Text, 12, "600")];

    private static (XElement Text, XElement? Leader) Label(StudyMapLabelPlacer placer, (double X, double Y) at, double radius,
        List<(string Text, double Size, string Weight)> lines, string colour, string key, string name)
    {
        var width = lines.Max(l => l.Text.Length * l.Size * StudyMapLabelPlacer.CharacterWidth);
        var height = lines.Sum(l => l.Size * StudyMapLabelPlacer.LineHeight);
        var (x, anchor, box) = placer.Place(at.X, at.Y, radius, width, height, lines[0].Size * StudyMapLabelPlacer.LineHeight);
        var text = new XElement(Svg + "text", new XAttribute(key, name), new XAttribute("x", N(x)), new XAttribute("text-anchor", anchor),
            new XAttribute("fill", colour),
            // A white halo under the glyphs keeps a label readable where a line or another marker runs behind it.
            new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "3"), new XAttribute("stroke-linejoin", "round"),
            new XAttribute("paint-order", "stroke"));
        // Each line's baseline a third of its font size below its middle, which centres capitals and digits on it.
        var top = box.Y0;
        if (lines.Count == 1)
        {
            text.Add(new XAttribute("y", N(top + lines[0].Size * StudyMapLabelPlacer.LineHeight / 2 + lines[0].Size / 3)),
                new XAttribute("font-size", N(lines[0].Size)), new XAttribute("font-weight", lines[0].Weight), lines[0].Text);
        }
        else
        {
            text.Add(new XAttribute("y", N(top)));
            foreach (var (line, size, weight) in lines)
            {
                text.Add(new XElement(Svg + "tspan", new XAttribute("x", N(x)), new XAttribute("y", N(top + size * StudyMapLabelPlacer.LineHeight / 2 + size / 3)),
                    new XAttribute("font-size", N(size)), new XAttribute("font-weight", weight), line));
                top += size * StudyMapLabelPlacer.LineHeight;
            }
        }

        // A label pushed away from its marker by its neighbours keeps a thin leader to it, so it cannot be read as another's.
        var nearest = (X: Math.Clamp(at.X, box.X0, box.X1), Y: Math.Clamp(at.Y, box.Y0, box.Y1));
        var distance = Math.Sqrt(Math.Pow(nearest.X - at.X, 2) + Math.Pow(nearest.Y - at.Y, 2));
        var leader = distance <= radius + 8 ? null
            : Line((at.X + (nearest.X - at.X) * radius / distance, at.Y + (nearest.Y - at.Y) * radius / distance), nearest, "#777777", null);
        return (text, leader);
    }

    /// <summary>The colours the map uses, in scale order, then grey with the verdicts it stands for.</summary>
    private static List<(string Fill, string Label)> ColourKey(StudyMapModel model)
    {
        var key = GainScale.Used(model.Probes.Select(p => (p.Verdict, p.Gain))).Select(c => (c.Fill, c.Label)).ToList();
        var neutral = model.Probes.Where(p => GainScale.Colours(p.Verdict, p.Gain).Fill == GainScale.NeutralFill)
            .Select(p => p.Verdict switch
            {
                StudyVerdict.NoDifference => "no clear difference",
                StudyVerdict.TooFewSamples => "too few sessions",
                StudyVerdict.Errors => "too many errors",
                _ => "no gain",
            })
            .Distinct(StringComparer.Ordinal).ToList();
        if (neutral.Count > 0)
        {
            key.Add((GainScale.NeutralFill, string.Join(" or ", neutral)));
        }

        return key;
    }

    /// <summary>Legend entries: a swatch (fill, or a marker or line shape) and its words.</summary>
    private static List<(string Kind, string Fill, string Label)> LegendItems(StudyMapModel model)
    {
        var items = ColourKey(model).Select(k => ("swatch", k.Fill, k.Label)).ToList();
        if (model.Deployments.Any(d => d.IsOrigin))
        {
            items.Add(("square", "#000000", "origin"));
        }

        if (model.Deployments.Any(d => !d.IsOrigin))
        {
            items.Add(("triangle", "#ffffff", "in-region deployment"));
        }

        return items;
    }

    /// <summary>Legend entries in rows that fit the width: each entry is a 12 px swatch, a space and its words.</summary>
    private static List<List<(string Kind, string Fill, string Label, double X)>> Flow(List<(string Kind, string Fill, string Label)> items)
    {
        var rows = new List<List<(string Kind, string Fill, string Label, double X)>> { new() };
        var x = Margin;
        foreach (var (kind, fill, label) in items)
        {
            var itemWidth = 16 + label.Length * CaptionFontSize * 0.6 + 12;
            if (x + itemWidth > Width - Margin && rows[^1].Count > 0)
            {
                rows.Add([]);
                x = Margin;
            }

            rows[^1].Add((kind, fill, label, x));
            x += itemWidth;
        }

        return rows;
    }

    private static IEnumerable<XElement> LegendElements(List<List<(string Kind, string Fill, string Label, double X)>> rows, double top)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            var middle = top + r * CaptionLineHeight + CaptionLineHeight / 2;
            foreach (var (kind, fill, label, x) in rows[r])
            {
                yield return kind switch
                {
                    "square" => Square((x + 6, middle)),
                    "triangle" => Triangle((x + 6, middle)),
                    _ => new XElement(Svg + "rect", new XAttribute("x", N(x)), new XAttribute("y", N(middle - 5)), new XAttribute("width", "12"),
                        new XAttribute("height", "10"), new XAttribute("fill", fill), new XAttribute("stroke", "#222222"), new XAttribute("stroke-width", "0.5")),
                };
                yield return new XElement(Svg + "text", new XAttribute("x", N(x + 16)), new XAttribute("y", N(middle + CaptionFontSize / 3)),
                    new XAttribute("fill", "#222222"), label);
            }
        }
    }

    /// <summary>Words of <paramref name="text"/> in lines no wider than <paramref name="width"/> (estimated, as labels are).</summary>
    private static IEnumerable<string> Wrap(string text, double width, double fontSize)
    {
        var perLine = Math.Max(10, (int)(width / (fontSize * 0.55)));
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > perLine)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    /// <summary>A coordinate to a tenth of a pixel, invariant.</summary>
    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
