using Latency.Scenarios.Validation;
using Latency.Scenarios.Worlds;

namespace Latency.Tests.Worlds;

/// <summary><c>last_mile.radio</c> in a world file: read with its citations, every mistake reported with its line.</summary>
public sealed class WorldRadioTests
{
    // Inserted after line 13 of WorldSamples.Valid (the probe's up_mbps), so the radio starts on line 14.
    private const string ValidRadio = """
              radio:
                technology: lte
                promotion_ms:
                  mean: { value: 260, source: "radio.csv lte" }
                  sd: { value: 0, assumption: "fixed" }
                tail_ms: { value: 10120, source: "radio.csv lte" }
                drx:
                  inactivity_ms: { value: 100, source: "radio.csv lte" }
                  short_cycle_ms: { value: 20, source: "radio.csv lte" }
                  short_phase_ms: { value: 20, source: "radio.csv lte short_drx_ms" }
                  long_cycle_ms: { value: 40, source: "radio.csv lte" }
                  on_duration_ms: { value: 2, source: "radio.csv lte" }
                technology_share:
                  nr: { value: 0.318, source: "radio.csv nr MY" }
        """;

    [Fact]
    public void Parse_Radio_BuildsTheModelWithItsCitations()
    {
        var radio = Assert.IsType<RadioModel>(Assert.Single(WorldLoader.Parse(WithRadio(ValidRadio), WorldSamples.File).Probes).Radio);

        Assert.Equal("lte", radio.Technology);
        Assert.Equal(new CitedValue(260, "radio.csv lte", null, new SourceLocation(WorldSamples.File, 17)), radio.PromotionMeanMs);
        Assert.Equal("assumption: fixed", radio.PromotionSdMs.Citation);
        Assert.Equal(10120, radio.TailMs.Value);
        Assert.Equal((100, 20, 20, 40, 2), (radio.Drx!.InactivityMs.Value, radio.Drx.ShortCycleMs.Value, radio.Drx.ShortPhaseMs.Value, radio.Drx.LongCycleMs.Value, radio.Drx.OnDurationMs.Value));
        Assert.Equal(new CitedValue(20, "radio.csv lte short_drx_ms", null, new SourceLocation(WorldSamples.File, 23)), radio.Drx.ShortPhaseMs);
        Assert.Equal(0.318, radio.Share!.Nr!.Value);
        Assert.Null(radio.Share.Lte);
        Assert.Equal(new SourceLocation(WorldSamples.File, 15), radio.Location);
    }

    [Fact]
    public void Parse_WorldWithoutRadio_LoadsAsBefore()
    {
        Assert.Null(Assert.Single(WorldLoader.Parse(WorldSamples.Valid, WorldSamples.File).Probes).Radio);
    }

    [Fact]
    public void Parse_RadioMistakes_AreAllReportedWithTheirLines()
    {
        var yaml = WithRadio(ValidRadio
            .Replace("mean: { value: 260, source: \"radio.csv lte\" }", "mean: { value: -5, source: \"radio.csv lte\" }", StringComparison.Ordinal)
            .Replace("tail_ms: { value: 10120, source: \"radio.csv lte\" }", "tail_ms: { value: 10120 }", StringComparison.Ordinal)
            .Replace("short_cycle_ms: { value: 20,", "short_cycle_ms: { value: 80,", StringComparison.Ordinal)
            .Replace("nr: { value: 0.318, source: \"radio.csv nr MY\" }", "nr: { value: 0.6, source: \"s\" }\n          lte: { value: 0.6, source: \"s\" }", StringComparison.Ordinal));

        Assert.Equal(
            [
                "world.yaml:17: 'mean' must be > 0 (got -5)",
                "world.yaml:19: 'tail_ms' needs 'source' (the data row it comes from) or 'assumption' (the rule used to derive it)",
                "world.yaml:22: 'short_cycle_ms' (80) must not be longer than 'long_cycle_ms' (40)",
                "world.yaml:27: 'technology_share' sums to 1.2, more than 1",
            ],
            WorldSamples.Errors(yaml));
    }

    [Theory]
    [InlineData("mean: { value: 10000, source: \"s\" }", "world.yaml:17: 'promotion_ms' mean must be below 10000 ms (got 10000)")]
    [InlineData("sd: { value: -1, source: \"s\" }", "world.yaml:18: 'sd' must be >= 0 (got -1)")]
    [InlineData("tail_ms: { value: -1, source: \"s\" }", "world.yaml:19: 'tail_ms' must be >= 0 (got -1)")]
    [InlineData("short_phase_ms: { value: -20, source: \"s\" }", "world.yaml:23: 'short_phase_ms' must be >= 0 (got -20)")]
    [InlineData("short_phase_ms: { value: 30, source: \"s\" }", "world.yaml:23: 'short_phase_ms' (30) must be a whole multiple of 'short_cycle_ms' (20)")]
    [InlineData("nr: { value: 1.5, source: \"s\" }", "world.yaml:27: 'nr' must be between 0 and 1 (a share) (got 1.5)")]
    [InlineData("technology: 6g", "world.yaml:15: unknown technology '6g' (use nr, lte, umts)")]
    public void Parse_RadioOutOfRange_IsRejected(string line, string error)
    {
        var key = line[..line.IndexOf(':', StringComparison.Ordinal)];
        var lines = ValidRadio.Split('\n');
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        lines[index] = lines[index][..(lines[index].Length - lines[index].TrimStart().Length)] + line;

        Assert.Equal([error], WorldSamples.Errors(WithRadio(string.Join('\n', lines))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void Parse_ShortPhaseOfWholeShortCycles_IsAccepted(int shortPhaseMs)
    {
        var yaml = WithRadio(ValidRadio.Replace("short_phase_ms: { value: 20,", $"short_phase_ms: {{ value: {shortPhaseMs},", StringComparison.Ordinal));

        var radio = Assert.IsType<RadioModel>(Assert.Single(WorldLoader.Parse(yaml, WorldSamples.File).Probes).Radio);

        Assert.Equal(shortPhaseMs, radio.Drx!.ShortPhaseMs.Value);
    }

    [Fact]
    public void Parse_DrxWithoutShortPhase_IsRejectedWithItsLine()
    {
        var yaml = WithRadio(string.Join('\n', ValidRadio.Split('\n').Where(l => !l.Contains("short_phase_ms", StringComparison.Ordinal))));

        Assert.Equal(["world.yaml:21: 'drx' is missing 'short_phase_ms'"], WorldSamples.Errors(yaml));
    }

    [Fact]
    public void Parse_RadioWithoutDrx_IsAccepted()
    {
        var withoutDrx = string.Join('\n', ValidRadio.Split('\n').Where(l => !l.Contains("_ms: { value: ", StringComparison.Ordinal) || l.Contains("tail_ms", StringComparison.Ordinal)).Where(l => l.Trim() != "drx:"));

        var radio = Assert.Single(WorldLoader.Parse(WithRadio(withoutDrx), WorldSamples.File).Probes).Radio;

        Assert.Null(Assert.IsType<RadioModel>(radio).Drx);
    }

    private static string WithRadio(string radio)
    {
        var lines = WorldSamples.Valid.Split('\n').ToList();
        lines.Insert(13, radio);
        return string.Join('\n', lines);
    }
}
