using System.Globalization;

namespace Latency.Micro.MaxRate;

/// <summary>
/// Options of <c>max-rate</c>: <c>[--seconds 10] [--connections 50] [--warm-up 2] [--wrk PATH] [--hey PATH] [--in-process] [--inline-completions]</c>.
/// </summary>
public sealed record MaxRateOptions
{
    public const string Usage =
        "usage: max-rate [--seconds 10] [--connections 50] [--warm-up 2] [--wrk PATH] [--hey PATH] [--in-process] [--inline-completions]";

    public int Seconds { get; init; } = 10;

    public int Connections { get; init; } = 50;

    /// <summary>Seconds the engine runs unrecorded first (JIT and tiering of client and server code).</summary>
    public int WarmUpSeconds { get; init; } = 2;

    /// <summary>wrk's path; null looks it up on PATH.</summary>
    public string? WrkPath { get; init; }

    /// <summary>hey's path; null looks it up on PATH.</summary>
    public string? HeyPath { get; init; }

    /// <summary>Host Kestrel inside this process instead of a separate <c>serve</c> process (less fair, see README).</summary>
    public bool InProcess { get; init; }

    /// <summary>Parses the arguments after <c>max-rate</c>; returns every problem at once.</summary>
    public static (MaxRateOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var options = new MaxRateOptions();
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            switch (name)
            {
                case "--seconds":
                    options = options with { Seconds = Positive(name, value, errors) };
                    i++;
                    break;
                case "--connections":
                    options = options with { Connections = Positive(name, value, errors) };
                    i++;
                    break;
                case "--warm-up":
                    options = options with { WarmUpSeconds = NonNegative(name, value, errors) };
                    i++;
                    break;
                case "--wrk":
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        errors.Add("--wrk needs a path");
                    }

                    options = options with { WrkPath = value };
                    i++;
                    break;
                case "--hey":
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        errors.Add("--hey needs a path");
                    }

                    options = options with { HeyPath = value };
                    i++;
                    break;
                case InlineSocketCompletions.Option:
                    // Read by Program before any socket is used; nothing to keep here.
                    break;
                case "--in-process":
                    options = options with { InProcess = true };
                    break;
                default:
                    errors.Add($"unexpected argument '{name}'");
                    break;
            }
        }

        return errors.Count == 0 ? (options, errors) : (null, errors);
    }

    private static int Positive(string name, string? value, List<string> errors)
    {
        var parsed = NonNegative(name, value, errors);
        if (parsed == 0 && value is not null && errors.Count == 0)
        {
            errors.Add($"{name} must be > 0 (got '{value}')");
        }

        return parsed;
    }

    private static int NonNegative(string name, string? value, List<string> errors)
    {
        if (value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add($"{name} needs a whole number >= 0 (got '{value ?? "nothing"}')");
        return 0;
    }
}
