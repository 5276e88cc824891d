using System.Globalization;
using Latency.World.Emulation;

namespace Latency.Micro.Capacity;

/// <summary>
/// Options of <c>emulator-capacity</c>: <c>[--seconds 5] [--delay-ms 10] [--sizes 100,1400] [--rates 1000,2000,...] [--radio] [--wake-up precise|median|sleep]</c>.
/// </summary>
public sealed record EmulatorCapacityOptions
{
    public const string Usage =
        "usage: emulator-capacity [--seconds 5] [--delay-ms 10] [--sizes 100,1400] [--rates 1000,2000,5000,10000,20000,40000,80000,160000] [--radio] [--wake-up precise|median|sleep]";

    /// <summary>Smallest datagram: step (4 bytes), sequence (8) and send timestamp (8).</summary>
    public const int MinSize = 20;

    /// <summary>Largest UDP payload in one unfragmented IPv4 packet on the world's 1500-byte MTU.</summary>
    public const int MaxSize = 1472;

    /// <summary>Seconds each rate step sends for.</summary>
    public int Seconds { get; init; } = 5;

    /// <summary>Fixed one-way delay of the path, each way.</summary>
    public int DelayMs { get; init; } = 10;

    /// <summary>UDP payload sizes, bytes; each gets the whole rate ladder.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [100, 1400];

    /// <summary>Offered packet rates, packets per second, ascending.</summary>
    public IReadOnlyList<int> Rates { get; init; } = [1_000, 2_000, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000];

    /// <summary>
    /// Whether the probe has the built-in world's radio (Mumbai's LTE) and the datagrams come from one of its handsets,
    /// so every packet also pays the handset lookup and the radio's state machine (issue 14's before/after figure).
    /// </summary>
    public bool Radio { get; init; }

    /// <summary>The forwarding thread's trade of CPU for release precision (the world's default when not given).</summary>
    public WakeUpPolicy WakeUp { get; init; } = WakeUpPolicy.Default;

    /// <summary>Parses the arguments after <c>emulator-capacity</c>; returns every problem at once.</summary>
    public static (EmulatorCapacityOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorCapacityOptions();
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (name)
            {
                case "--seconds":
                    options = options with { Seconds = CommandArguments.Positive(name, value, errors) };
                    i++;
                    break;
                case "--delay-ms":
                    options = options with { DelayMs = CommandArguments.Positive(name, value, errors) };
                    i++;
                    break;
                case "--sizes":
                    var sizes = List(name, value, errors);
                    if (sizes.Any(s => s is < MinSize or > MaxSize))
                    {
                        errors.Add($"--sizes: each size must be {MinSize}..{MaxSize} bytes (got '{value}')");
                    }

                    options = options with { Sizes = sizes };
                    i++;
                    break;
                case "--rates":
                    options = options with { Rates = [.. List(name, value, errors).Order()] };
                    i++;
                    break;
                case "--radio":
                    options = options with { Radio = true };
                    break;
                case "--wake-up":
                    if (value is not null && WakeUpPolicy.Find(value) is { } policy)
                    {
                        options = options with { WakeUp = policy };
                    }
                    else
                    {
                        errors.Add($"--wake-up: expected one of {string.Join(", ", WakeUpPolicy.All.Select(p => p.Name))} (got '{value}')");
                    }

                    i++;
                    break;
                default:
                    errors.Add($"unexpected argument '{name}'");
                    break;
            }
        }

        return errors.Count == 0 ? (options, errors) : (null, errors);
    }

    private static List<int> List(string name, string? value, List<string> errors)
    {
        var items = (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = new List<int>();
        foreach (var item in items)
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                parsed.Add(number);
            }
            else
            {
                errors.Add($"{name} needs comma-separated whole numbers > 0 (got '{value ?? "nothing"}')");
                return [];
            }
        }

        if (parsed.Count == 0)
        {
            errors.Add($"{name} needs at least one value");
        }

        return parsed;
    }
}
