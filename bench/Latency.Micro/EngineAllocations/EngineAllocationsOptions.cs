namespace Latency.Micro.EngineAllocations;

/// <summary>Options of <c>engine-allocations</c>: <c>[--requests 50000] [--connections 50]</c>.</summary>
public sealed record EngineAllocationsOptions
{
    /// <summary>The command line it understands.</summary>
    public const string Usage = "usage: engine-allocations [--requests 50000] [--connections 50] [--inline-completions]";

    /// <summary>Requests measured per layer (the engine layer runs this many more than its short run).</summary>
    public int Requests { get; init; } = 50_000;

    /// <summary>Requests in flight at once, one keep-alive connection each, as max-rate's closed model.</summary>
    public int Connections { get; init; } = 50;

    /// <summary>Parses the arguments after <c>engine-allocations</c>; returns every problem at once.</summary>
    /// <param name="args">The arguments.</param>
    public static (EngineAllocationsOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var options = new EngineAllocationsOptions();
        var errors = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--requests":
                    options = options with { Requests = CommandArguments.Positive(args[i], value, errors) };
                    i++;
                    break;
                case "--connections":
                    options = options with { Connections = CommandArguments.Positive(args[i], value, errors) };
                    i++;
                    break;
                case MaxRate.InlineSocketCompletions.Option:
                    // Read by Program before any socket is used; nothing to keep here.
                    break;
                default:
                    errors.Add($"unexpected argument '{args[i]}'");
                    break;
            }
        }

        return errors.Count == 0 ? (options, errors) : (null, errors);
    }
}
