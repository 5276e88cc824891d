using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Latency.Scenarios.Suites;

/// <summary>
/// Remembers where the last event that parsed ended. YamlDotNet 18.1.0 does not always throw a
/// <see cref="YamlException"/> on bad input (e.g. <c>api: [https://x,</c> ends in an InvalidOperationException from its
/// scanner, with no position), so this is the only way to still tell the user which line to look at.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    public ParsingEvent? Current => inner.Current;

    /// <summary>End of the last event read successfully; line 1 before any.</summary>
    public Mark LastGoodEnd { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current) LastGoodEnd = current.End;
        return moved;
    }
}
