using System.Text.Json;

namespace Latency.Scenarios.Har;

/// <summary>
/// Where each JSON value starts (1-based line and column), by path (<c>log.entries[3].request.url</c>), for the
/// shallow part of a document. <see cref="JsonDocument"/> keeps no positions and <see cref="Utf8JsonReader"/> exposes
/// only byte offsets, so one extra reader pass records the offsets and lines are counted from them.
/// </summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly List<long> _lineStarts = [0];

    private JsonLineIndex() { }

    /// <summary>Indexes values down to <paramref name="maxDepth"/> levels (deeper ones, e.g. headers, report their parent's line).</summary>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public static JsonLineIndex Build(ReadOnlySpan<byte> utf8, int maxDepth = 5)
    {
        var index = new JsonLineIndex();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                index._lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        // One frame per open object or array: its path, and the next element index or the pending property name.
        var frames = new Stack<(string Path, bool IsArray, int Next, string? Property)>();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                var top = frames.Pop();
                frames.Push(top with { Property = reader.GetString() });
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.Pop();
                continue;
            }

            var path = string.Empty;
            if (frames.Count > 0)
            {
                var parent = frames.Pop();
                path = parent.IsArray ? $"{parent.Path}[{parent.Next}]"
                    : parent.Path.Length == 0 ? parent.Property ?? string.Empty : $"{parent.Path}.{parent.Property}";
                frames.Push(parent.IsArray ? parent with { Next = parent.Next + 1 } : parent);
            }

            if (frames.Count <= maxDepth)
            {
                index._offsets.TryAdd(path, reader.TokenStartIndex);
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Push((path, reader.TokenType == JsonTokenType.StartArray, 0, null));
            }
        }

        return index;
    }

    /// <summary>The line and column where the value at <paramref name="path"/> starts, or its nearest indexed parent's.</summary>
    public (int Line, int Column) Find(string path)
    {
        while (true)
        {
            if (_offsets.TryGetValue(path, out var offset))
            {
                return Position(offset);
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return _offsets.TryGetValue(string.Empty, out var root) ? Position(root) : (1, 1);
            }

            path = path[..cut];
        }
    }

    private (int Line, int Column) Position(long offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line + 1, (int)(offset - _lineStarts[line]) + 1);
    }
}
