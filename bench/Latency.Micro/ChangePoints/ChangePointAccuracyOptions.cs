using System.Globalization;
using Latency.Reports.Statistics;

namespace Latency.Micro.ChangePoints;

/// <summary>
/// Options of <c>change-point-accuracy</c>: <c>[--series 500] [--runs 30] [--p50-noise 2%] [--p99-noise 5%] [--seed 1]
/// [--tolerance 5%] [--min-segment 3]</c>. Shares are given as <c>2%</c> or <c>0.02</c>.
/// </summary>
public sealed record ChangePointAccuracyOptions
{
    public const string Usage =
        "usage: change-point-accuracy [--series 500] [--runs 30] [--p50-noise 2%] [--p99-noise 5%] [--seed 1] [--tolerance 5%] [--min-segment 3]";

    /// <summary>Runs a series needs at least: 6 before the change, the change, 4 after it and one more to place it.</summary>
    public const int MinRuns = 12;

    /// <summary>Series generated per case (step size or spike, and quantile).</summary>
    public int Series { get; init; } = 500;

    /// <summary>Runs (nights) per series.</summary>
    public int Runs { get; init; } = 30;

    /// <summary>Per-run lognormal noise of a row's p50 (assumption until measured by A/A runs).</summary>
    public double P50Noise { get; init; } = 0.02;

    /// <summary>Per-run lognormal noise of a row's p99 (assumption until measured by A/A runs).</summary>
    public double P99Noise { get; init; } = 0.05;

    /// <summary>Seed of every series, so the tables can be made again.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The check's tolerance, as <c>history check --tolerance</c>.</summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>
    /// The detector's shortest segment, which is also the runs that confirm a new level; <c>history check</c> uses
    /// <see cref="ChangePointDetector.DefaultMinSegment"/>. A larger one trades a night of delay for fewer false alerts.
    /// </summary>
    public int MinSegment { get; init; } = ChangePointDetector.DefaultMinSegment;

    /// <summary>Parses the arguments after <c>change-point-accuracy</c>; returns every problem at once.</summary>
    public static (ChangePointAccuracyOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var options = new ChangePointAccuracyOptions();
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : null;
            ChangePointAccuracyOptions? parsed = name switch
            {
                "--series" => options with { Series = Whole(name, value, 1, errors) },
                "--runs" => options with { Runs = Whole(name, value, MinRuns, errors) },
                "--seed" => options with { Seed = Whole(name, value, 0, errors) },
                "--p50-noise" => options with { P50Noise = Share(name, value, errors) },
                "--p99-noise" => options with { P99Noise = Share(name, value, errors) },
                "--tolerance" => options with { Tolerance = Share(name, value, errors) },
                "--min-segment" => options with { MinSegment = Whole(name, value, 2, errors) },
                _ => null,
            };
            if (parsed is null)
            {
                errors.Add($"unexpected argument '{name}'");
                continue;
            }

            options = parsed;
            i++;
        }

        return errors.Count == 0 ? (options, errors) : (null, errors);
    }

    /// <summary>A share: <c>5%</c> or <c>0.05</c>, from 0 to under 1.</summary>
    internal static double? ParseShare(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var percent = value.EndsWith('%');
        if (!double.TryParse(percent ? value[..^1] : value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var share = percent ? number / 100 : number;
        return share is >= 0 and < 1 ? share : null;
    }

    private static int Whole(string name, string? value, int min, List<string> errors)
    {
        if (value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min)
        {
            return parsed;
        }

        errors.Add($"{name} needs a whole number >= {min} (got '{value ?? "nothing"}')");
        return min;
    }

    private static double Share(string name, string? value, List<string> errors)
    {
        if (ParseShare(value) is { } share)
        {
            return share;
        }

        errors.Add($"{name} needs a share from 0 to under 100%, e.g. 5% or 0.05 (got '{value ?? "nothing"}')");
        return 0;
    }
}
