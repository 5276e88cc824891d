using System.Globalization;

namespace Latency.Micro.Scale;

/// <summary>What <c>study-scale</c> runs: <c>[--scales 1,5,10,20] [--minutes 2] [--sample-seconds 2] [--suite FILE] [--harness PATH] [--out FILE.md]</c>.</summary>
public sealed record StudyScaleOptions
{
    /// <summary>The command line, for messages.</summary>
    public const string Usage = "usage: study-scale [--scales 1,5,10,20] [--minutes 2] [--sample-seconds 2] [--suite FILE] [--harness PATH] [--out FILE.md]";

    /// <summary>The study suite (the default study unless <c>--suite</c>); its workloads' rates are multiplied, its duration replaced.</summary>
    public required string Suite { get; init; }

    /// <summary>The factors for every workload's <c>sessions_per_minute</c>, one run each, in the order given (1 = the suite's own rate).</summary>
    public IReadOnlyList<double> Scales { get; init; } = [1, 5, 10, 20];

    /// <summary>How long sessions arrive in each run, minutes.</summary>
    public double Minutes { get; init; } = 2;

    /// <summary>Seconds between two readings of the processes' CPU time and memory.</summary>
    public int SampleSeconds { get; init; } = 2;

    /// <summary>The harness to run (a <c>latency.dll</c>, run with <c>dotnet</c>, or an executable): an older build gives the "before" figures.</summary>
    public required string Harness { get; init; }

    /// <summary>Where the markdown result goes besides standard output, or null.</summary>
    public string? Output { get; init; }

    /// <summary>Options from <paramref name="args"/>; every problem at once, options null when there is one.</summary>
    /// <param name="args">The command's arguments.</param>
    /// <param name="repositoryRoot">The folder holding Latency.sln (the default suite's).</param>
    /// <param name="defaultHarness">The harness when <c>--harness</c> is not given.</param>
    public static (StudyScaleOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args, string repositoryRoot, string defaultHarness)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new StudyScaleOptions { Suite = Path.Combine(repositoryRoot, "scenarios", "suites", "default.yaml"), Harness = defaultHarness };
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : null;
            if (name is not ("--scales" or "--minutes" or "--sample-seconds" or "--suite" or "--harness" or "--out"))
            {
                errors.Add($"unexpected argument '{name}'");
                continue;
            }

            i++;
            options = name switch
            {
                "--scales" => options with { Scales = ParseScales(value, errors) },
                "--minutes" => options with { Minutes = ParseMinutes(value, errors) },
                "--sample-seconds" => options with { SampleSeconds = CommandArguments.Positive(name, value, errors) },
                "--suite" => options with { Suite = ExistingFile(name, value, errors) },
                "--harness" => options with { Harness = ExistingFile(name, value, errors) },
                _ => options with { Output = NonEmpty(name, value, errors) },
            };
        }

        return errors.Count == 0 ? (options, errors) : (null, errors);
    }

    private static List<double> ParseScales(string? value, List<string> errors)
    {
        var scales = new List<double>();
        foreach (var part in (value ?? "").Split(','))
        {
            // Finite and above zero: a NaN or infinite factor would write a suite the loader refuses.
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && double.IsFinite(scale) && scale > 0)
            {
                scales.Add(scale);
            }
            else
            {
                errors.Add($"--scales needs factors > 0 separated by commas, e.g. 1,5,10,20 (got '{value ?? "nothing"}')");
                return [];
            }
        }

        return scales;
    }

    private static double ParseMinutes(string? value, List<string> errors)
    {
        // The suite's duration is written in whole seconds and the loader's limit is 24 h: outside them the run would only fail later.
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && double.IsFinite(minutes) && minutes >= 1.0 / 60 && minutes <= 24 * 60)
        {
            return minutes;
        }

        errors.Add($"--minutes needs a number of minutes from 1/60 (a second) to 1440 (got '{value ?? "nothing"}')");
        return 1;
    }

    private static string ExistingFile(string name, string? value, List<string> errors)
    {
        if (value is { Length: > 0 } && File.Exists(value))
        {
            return Path.GetFullPath(value);
        }

        errors.Add($"{name} needs an existing file (got '{value ?? "nothing"}')");
        return "";
    }

    private static string? NonEmpty(string name, string? value, List<string> errors)
    {
        if (value is { Length: > 0 })
        {
            return value;
        }

        errors.Add($"{name} needs a file name (got nothing)");
        return null;
    }
}
