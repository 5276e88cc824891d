using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Latency.Scenarios.Suites;

/// <summary>
/// Remembers where the last event that parsed ended. YamlDotNet 18.1.0 does not always throw a
/// <see cref="YamlException"/> on bad input (e.g. <c>api: [https://x,</c> ends in an InvalidOperationException from its
/// scanner, with no position), so this is the only way to still tell the user which line to look at.
/// It also refuses nesting deeper than <see cref="MaxDepth"/>: YamlDotNet's node loader recurses once per level, and
/// a few thousand <c>[</c> overflowed the stack, which ends the process instead of giving an error.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    /// <summary>Far deeper than any suite, workload or world needs, and far shallower than the stack allows.</summary>
    public const int MaxDepth = 64;

    private int _depth;

    public ParsingEvent? Current => inner.Current;

    /// <summary>End of the last event read successfully; line 1 before any.</summary>
    public Mark LastGoodEnd { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current)
        {
            LastGoodEnd = current.End;
            _depth += current.NestingIncrease;
            if (_depth > MaxDepth)
            {
                throw new YamlException(current.Start, current.End, $"nested deeper than {MaxDepth} levels");
            }
        }

        return moved;
    }
}
