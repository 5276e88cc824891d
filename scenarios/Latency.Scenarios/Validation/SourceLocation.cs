namespace Latency.Scenarios.Validation;

/// <summary>Where in a user's file something was written: file path and 1-based line (and column, when known).</summary>
public sealed record SourceLocation(string File, int Line, int Column = 0)
{
    public override string ToString() => Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}";
}
