using System.Globalization;
using System.Text.RegularExpressions;
using Latency.Scenarios.Worlds;

namespace Latency.Tests.Worlds;

/// <summary>
/// The radio of every probe in scenarios/world/asia.yaml checked against the rows of scenarios/world/data/radio.csv it
/// cites, so the world file and the data file cannot drift apart.
/// </summary>
public sealed partial class AsiaRadioTests
{
    private static readonly WorldDefinition World = WorldLoader.Load(Path.Combine(RepositoryPaths.Root(), "scenarios", "world", "asia.yaml"));

    private static readonly IReadOnlyList<RadioRow> Rows = File.ReadAllLines(Path.Combine(RepositoryPaths.Root(), "scenarios", "world", "data", "radio.csv"))
        .Skip(1)
        .Where(line => line.Length > 0)
        .Select(RadioRow.Parse)
        .ToList();

    [Fact]
    public void Load_AsiaFile_EveryProbeHasAnLteRadio()
    {
        Assert.All(World.Probes, probe =>
        {
            var radio = Assert.IsType<RadioModel>(probe.Radio);
            Assert.Equal("lte", radio.Technology);
            Assert.NotNull(radio.Drx);
        });
    }

    [Fact]
    public void Load_AsiaFile_EveryRadioFigureIsItsRadioCsvRow()
    {
        var cited = World.Probes.SelectMany(p => Figures(p.Radio!)).ToList();

        Assert.NotEmpty(cited);
        Assert.All(cited, figure =>
        {
            // "radio.csv: lte promotion_ms, 260 ms (...)": technology and parameter before the comma name the row.
            var source = Assert.IsType<string>(figure.Source);
            var match = CitedRow().Match(source);
            Assert.True(match.Success, $"'{source}' does not name a radio.csv row");
            var (technology, parameter, country) = (match.Groups["technology"].Value, match.Groups["parameter"].Value, match.Groups["country"].Value);
            var row = Assert.Single(Rows, r => r.Technology == technology && r.Parameter == parameter && (country.Length == 0 || r.Scope.StartsWith(country + ":", StringComparison.Ordinal)));
            if (figure.Assumption is null) Assert.Equal(row.Value, figure.Value);
        });
    }

    [Fact]
    public void Load_AsiaFile_LteTailIsTheSumOfTheDrxStagesItCites()
    {
        double Row(string parameter) => Assert.Single(Rows, r => r.Technology == "lte" && r.Parameter == parameter).Value;

        Assert.All(World.Probes, probe =>
            Assert.Equal(Row("drx_inactivity_ms") + Row("short_drx_ms") + Row("long_drx_ms"), probe.Radio!.TailMs.Value));
    }

    [Theory]
    [InlineData("kuala-lumpur", 0.318)]   // Opensignal Sep 2024, MY 5G Availability 31.8%
    [InlineData("jakarta", 0.015)]        // Opensignal Sep 2024, ID 1.5% of time on active 5G
    public void Load_AsiaFile_FiveGShareWhereOpensignalGivesIt(string probe, double nr)
    {
        var radio = Assert.Single(World.Probes, p => p.Name == probe).Radio!;

        var share = Assert.IsType<TechnologyShare>(radio.Share);
        Assert.Equal(nr, share.Nr!.Value);
        Assert.Null(share.Lte);
    }

    private static IEnumerable<CitedValue> Figures(RadioModel radio)
    {
        yield return radio.PromotionMeanMs;
        yield return radio.PromotionSdMs;
        if (radio.Drx is { } drx)
        {
            yield return drx.InactivityMs;
            yield return drx.ShortCycleMs;
            yield return drx.ShortPhaseMs;
            yield return drx.LongCycleMs;
            yield return drx.OnDurationMs;
        }

        foreach (var share in new[] { radio.Share?.Nr, radio.Share?.Lte, radio.Share?.Umts })
        {
            if (share is not null) yield return share;
        }
    }

    [GeneratedRegex(@"^radio\.csv: (?<technology>[a-z]+) (?<parameter>[a-z_]+)(?: (?<country>[A-Z]{2}))?,")]
    private static partial Regex CitedRow();

    private sealed record RadioRow(string Technology, string Parameter, double Value, string Scope)
    {
        // Fields are plain or double-quoted with "" for a quote, as the source column quotes the files it read.
        public static RadioRow Parse(string line)
        {
            var fields = new List<string>();
            var cell = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { fields.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(c);
            }

            fields.Add(cell.ToString());
            Assert.Equal(7, fields.Count);
            return new RadioRow(fields[0], fields[1], double.Parse(fields[2], CultureInfo.InvariantCulture), fields[4]);
        }
    }
}
