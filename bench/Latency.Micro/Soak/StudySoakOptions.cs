using System.Globalization;

namespace Latency.Micro.Soak;

/// <summary>What <c>study-soak</c> runs.</summary>
/// <param name="Suite">The study suite to soak; its workloads' rates are scaled, its duration replaced.</param>
/// <param name="RateScale">The factor applied to every workload's <c>sessions_per_minute</c> and <c>max_sessions_per_minute</c>.</param>
/// <param name="Minutes">The study's duration (how long sessions arrive), minutes.</param>
/// <param name="SampleSeconds">How often the processes' memory is read.</param>
/// <param name="Output">Where the markdown result goes besides standard output, or null.</param>
public sealed record StudySoakOptions(string Suite, double RateScale, double Minutes, int SampleSeconds, string? Output)
{
    private const string Usage = "usage: study-soak [--suite scenarios/suites/default.yaml] [--rate-scale 0.25] [--minutes 60] [--sample-seconds 10] [--out FILE.md]";

    /// <summary>The case: the default study at a quarter of its rate for an hour, memory read every 10 s.</summary>
    /// <param name="repositoryRoot">The folder holding Latency.sln, where the default suite is.</param>
    public static StudySoakOptions Default(string repositoryRoot) =>
        new(Path.Combine(repositoryRoot, "scenarios", "suites", "default.yaml"), 0.25, 60, 10, null);

    /// <summary>Options from <paramref name="args"/>, or null with the problem.</summary>
    /// <param name="args">The command's arguments.</param>
    /// <param name="repositoryRoot">The folder holding Latency.sln (the default suite's).</param>
    /// <param name="problem">What is wrong, or null.</param>
    public static StudySoakOptions? Parse(IReadOnlyList<string> args, string repositoryRoot, out string? problem)
    {
        var options = Default(repositoryRoot);
        problem = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : "";
            int? whole = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : null;
            // Finite and above zero: a NaN or infinite scale would write a suite the loader refuses an hour later.
            double? number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d > 0 ? d : null;
            StudySoakOptions? next = args[i] switch
            {
                "--suite" when File.Exists(value) => options with { Suite = Path.GetFullPath(value) },
                "--rate-scale" when number is not null => options with { RateScale = number.Value },
                // The loader's own limit is 24 h; more than that would only fail later.
                "--minutes" when number <= 24 * 60 => options with { Minutes = number.Value },
                "--sample-seconds" when whole > 0 => options with { SampleSeconds = whole.Value },
                "--out" when value.Length > 0 => options with { Output = value },
                _ => null,
            };
            if (next is null)
            {
                problem = $"study-soak: bad argument '{args[i]} {value}' ({Usage})";
                return null;
            }

            options = next;
        }

        return options;
    }
}
