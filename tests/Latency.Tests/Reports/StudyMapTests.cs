using System.Globalization;
using System.Xml.Linq;
using Latency.Reports.Charts;
using Latency.RunDirectory;
using Latency.Reports.Study;

namespace Latency.Tests.Reports;

/// <summary>Issue 11: the first screen's point map, with no borders, on the report's gain scale.</summary>
public sealed class StudyMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>
    /// <see cref="StudySamples"/>' Mumbai (2.5x) and Jakarta (4.0x) study, plus Manila, whose Hong Kong sessions take as
    /// long as Beijing's: no clear difference.
    /// </summary>
    private static StudyInfo Study() => StudySamples.Study() with
    {
        Comparisons =
        [
            .. StudySamples.Study().Comparisons,
            new StudyComparison { Probe = "manila", Country = "Philippines", City = "Manila", Origin = "beijing", InRegion = ["hong-kong"] },
        ],
        Places =
        [
            .. StudySamples.Places(),
            StudySamples.Place("manila", StudyPlace.ProbeKind, "Manila", 14.606105, 120.980271),
            StudySamples.Place("hong-kong", StudyPlace.DeploymentKind, "aws:ap-east-1 Hong Kong", 22.306927, 114.183063),
        ],
    };

    private static IReadOnlyList<RowStatistics> Statistics(StudyInfo study)
    {
        var sessions = StudySamples.Sessions();
        sessions["manila.app-cold-start/beijing/uncorrected"] = StudySamples.Repeat((100_000, 51), (150_000, 45), (200_000, 4));
        sessions["manila.app-cold-start/hong-kong/uncorrected"] = StudySamples.Repeat((100_000, 51), (150_000, 45), (200_000, 4));
        var run = HeatmapChartTests.RunOf(sessions) with { Manifest = ManifestSamples.Partial() with { Study = study } };
        return RowStatistics.From(StudySummary.From(run), run);
    }

    private static (StudyMapModel Model, XElement Svg) Map()
    {
        var study = Study();
        var model = Assert.IsType<StudyMapModel>(StudyMap.From(study, Statistics(study), "app-cold-start"));
        return (model, XElement.Parse(StudyMap.RenderSvg(model)));
    }

    private static XElement Group(XElement svg, string attribute, string name) =>
        Assert.Single(svg.Descendants(Svg + "g"), g => (string?)g.Attribute(attribute) == name);

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static XElement Text(XElement svg, string attribute, string name) =>
        Assert.Single(svg.Descendants(Svg + "text"), t => (string?)t.Attribute(attribute) == name);

    private static (double X, double Y) Circle(XElement svg, string probe) =>
        Group(svg, "data-probe", probe).Element(Svg + "circle") is { } c ? (Number(c, "cx"), Number(c, "cy")) : throw new InvalidOperationException(probe);

    [Fact]
    public void From_StudyWithPlaces_OneMarkerPerProbeAndTheDeploymentsItsRowsUsed()
    {
        var (model, _) = Map();

        Assert.Equal(["jakarta", "manila", "mumbai"], model.Probes.Select(p => p.Probe).Order(StringComparer.Ordinal));
        // The origin first, then the in-region sites the rows compared with it.
        Assert.Equal("beijing", model.Deployments[0].Name);
        Assert.Equal(["hong-kong", "jakarta", "mumbai"], model.Deployments.Skip(1).Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal([true, false, false, false], model.Deployments.Select(d => d.IsOrigin));
        Assert.Equal("Beijing (origin)", model.Deployments[0].Label);
        Assert.Equal(StudyMap.NaturalEarthDataset, model.Dataset);
        var mumbai = Assert.Single(model.Probes, p => p.Probe == "mumbai");
        Assert.Equal(("India", StudyVerdict.Faster, "beijing", "mumbai"), (mumbai.Name, mumbai.Verdict, mumbai.Origin, mumbai.InRegion));
        Assert.Equal(2.5, mumbai.Gain!.Value, 2); // 150 ms / 60 ms, within HdrHistogram's 3 digits
    }

    [Fact]
    public void From_NoPlaces_IsNull()
    {
        var study = Study();
        var statistics = Statistics(study);

        Assert.Null(StudyMap.From(study with { Places = [] }, statistics, "app-cold-start"));
        Assert.Null(StudyMap.From(null, statistics, "app-cold-start"));
        Assert.Null(StudyMap.From(study, statistics, "photo-backup"));
    }

    [Fact]
    public void From_TwoProbesOfOneCountry_NameTheirCities()
    {
        var study = Study() with
        {
            Comparisons = Study().Comparisons.Select(c => c.Probe == "jakarta" ? c with { Country = "India", City = "Jakarta" } : c).ToList(),
        };

        var model = StudyMap.From(study, Statistics(study), null)!;

        Assert.Equal(["India (Mumbai) 2.5x", "India (Jakarta) 4.0x"], model.Probes.Where(p => p.Verdict == StudyVerdict.Faster).Select(p => p.Text));
    }

    [Fact]
    public void RenderSvg_Projection_NorthUpEastRight()
    {
        var (_, svg) = Map();

        // Mumbai (72.9 E) lies west of Beijing (116.4 E); Jakarta (6.2 S) south of Manila (14.6 N).
        var beijing = Group(svg, "data-deployment", "beijing").Element(Svg + "rect")!;
        Assert.True(Circle(svg, "mumbai").X < Number(beijing, "x"));
        Assert.True(Circle(svg, "jakarta").Y > Circle(svg, "manila").Y);
        Assert.True(Circle(svg, "manila").X > Circle(svg, "jakarta").X);
    }

    [Fact]
    public void RenderSvg_ProbeFills_AreTheGainScaleOfTheirVerdictAndGain()
    {
        var (model, svg) = Map();

        Assert.All(model.Probes, p =>
            Assert.Equal(GainScale.Colours(p.Verdict, p.Gain).Fill, (string?)Group(svg, "data-probe", p.Probe).Element(Svg + "circle")!.Attribute("fill")));
        Assert.Equal("#6baed6", (string?)Group(svg, "data-probe", "mumbai").Element(Svg + "circle")!.Attribute("fill"));    // 2.5x: 2-3x faster
        Assert.Equal("#08519c", (string?)Group(svg, "data-probe", "jakarta").Element(Svg + "circle")!.Attribute("fill"));   // 4.0x: 4x or more
    }

    [Fact]
    public void RenderSvg_Labels_CarryCountryAndGain()
    {
        var (_, svg) = Map();

        Assert.Equal("India 2.5x", Text(svg, "data-probe", "mumbai").Value);
        Assert.Equal("Indonesia 4.0x", Text(svg, "data-probe", "jakarta").Value);
        Assert.Equal("Beijing (origin)", Text(svg, "data-deployment", "beijing").Value);
        Assert.Equal("aws:ap-east-1 Hong Kong", Text(svg, "data-deployment", "hong-kong").Value);
    }

    [Fact]
    public void RenderSvg_NoDifference_GreyAndSaidInWords()
    {
        var (_, svg) = Map();

        var manila = Group(svg, "data-probe", "manila");
        Assert.Equal(StudyVerdict.NoDifference, (string?)manila.Attribute("data-verdict"));
        Assert.Equal(GainScale.NeutralFill, (string?)manila.Element(Svg + "circle")!.Attribute("fill"));
        Assert.Equal(["Philippines", "no clear difference"], Text(svg, "data-probe", "manila").Elements(Svg + "tspan").Select(t => t.Value));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "no clear difference"); // the legend's grey
    }

    [Fact]
    public void RenderSvg_Document_SelfContainedAccessibleSvg()
    {
        var (model, svg) = Map();

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal(("560", "430", "0 0 560 430", "img"),
            ((string?)svg.Attribute("width"), (string?)svg.Attribute("height"), (string?)svg.Attribute("viewBox"), (string?)svg.Attribute("role")));
        Assert.Contains("sans-serif", (string?)svg.Attribute("font-family"), StringComparison.Ordinal);
        Assert.Contains("p50 gain", svg.Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains("India 2.5x", svg.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
        // Nothing runs and nothing is fetched when the report is viewed.
        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "image" or "foreignObject" or "use" or "a" or "style");
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(),
            a => !a.IsNamespaceDeclaration && (a.Name.LocalName == "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal) || a.Value.Contains("url(", StringComparison.Ordinal)));
        // No borders or land: points, the lines between them and the legend's swatches only.
        Assert.Empty(svg.Descendants(Svg + "path"));
        var caption = string.Join(" ", Group(svg, "class", "caption").Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains(StudyMap.NaturalEarthDataset, caption, StringComparison.Ordinal);
        Assert.Contains("App cold start", caption, StringComparison.Ordinal);
        Assert.Contains("App cold start", StudyMap.Caption(model), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSvg_DeploymentInItsProbesCity_IsMovedOffTheCircle()
    {
        var (_, svg) = Map();

        var (x, y) = Circle(svg, "mumbai");
        var triangle = (string)Group(svg, "data-deployment", "mumbai").Element(Svg + "polygon")!.Attribute("points")!;
        var apex = triangle.Split(' ')[0].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(x, apex[0], 1);
        Assert.True(apex[1] > y, "the triangle sits below the circle, not under it");
    }

    [Fact]
    public void RenderSvg_Labels_DoNotOverlap()
    {
        var (_, svg) = Map();

        // Estimated like the placer does: 0.6 x font size per character, 1.3 x font size per line.
        var boxes = Group(svg, "class", "labels").Elements(Svg + "text")
            .Select(t =>
            {
                // A line each: the text itself, or its tspans.
                var lines = t.Elements(Svg + "tspan").Any() ? t.Elements(Svg + "tspan").ToList() : [t];
                var width = lines.Max(l => l.Value.Length * Number(l, "font-size") * 0.6);
                var x = (string?)t.Attribute("text-anchor") switch { "end" => Number(t, "x") - width, "middle" => Number(t, "x") - width / 2, _ => Number(t, "x") };
                return (X0: x, Y0: Number(lines[0], "y") - Number(lines[0], "font-size"), X1: x + width, Y1: Number(lines[^1], "y") + Number(lines[^1], "font-size") * 0.3);
            }).ToList();

        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(boxes[i].X0 < boxes[j].X1 && boxes[j].X0 < boxes[i].X1 && boxes[i].Y0 < boxes[j].Y1 && boxes[j].Y0 < boxes[i].Y1,
                    $"labels {i} and {j} overlap");
            }
        }
    }
}
