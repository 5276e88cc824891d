using System.Globalization;

namespace Latency.Micro.CompareNoise;

/// <summary>What <c>compare-noise</c> measures; the defaults are the end-to-end compare test's runs (40 vs 50 ms, 50/s for 4 s).</summary>
internal sealed record CompareNoiseOptions
{
    public int Pairs { get; init; } = 20;

    public int HistoryRuns { get; init; } = 8;

    public int ServerMs { get; init; } = 40;

    public int SlowerMs { get; init; } = 50;

    public string Rate { get; init; } = "50";

    public string Duration { get; init; } = "4s";

    public string WarmUp { get; init; } = "1s";

    public double Tolerance { get; init; } = 0.05;

    /// <summary>The options, or null after printing every bad one to stderr.</summary>
    public static CompareNoiseOptions? Parse(string[] args)
    {
        var options = new CompareNoiseOptions();
        var errors = new List<string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var number = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : (int?)null;
            options = (args[i], value, number) switch
            {
                ("--pairs", _, { } v) => options with { Pairs = v },
                ("--history-runs", _, { } v) => options with { HistoryRuns = v },
                ("--server-ms", _, { } v) => options with { ServerMs = v },
                ("--slower-ms", _, { } v) => options with { SlowerMs = v },
                ("--rate", { } v, _) => options with { Rate = v },
                ("--duration", { } v, _) => options with { Duration = v },
                ("--warm-up", { } v, _) => options with { WarmUp = v },
                ("--tolerance", { } v, _) when Percent(v) is { } t => options with { Tolerance = t },
                _ => Error(options, errors, $"{args[i]} {value}: not an option, or a bad value (numbers are whole and at least 1)"),
            };
        }

        errors.ForEach(e => Console.Error.WriteLine($"compare-noise: {e}"));
        return errors.Count == 0 ? options : null;
    }

    /// <summary>"5%" or "5" as 0.05, as <c>latency compare --tolerance</c> reads it; null unless from 0 to under 100.</summary>
    private static double? Percent(string text) =>
        double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and < 100
            ? percent / 100
            : null;

    private static CompareNoiseOptions Error(CompareNoiseOptions options, List<string> errors, string error)
    {
        errors.Add(error);
        return options;
    }
}
