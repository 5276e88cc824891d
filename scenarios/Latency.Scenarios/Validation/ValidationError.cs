namespace Latency.Scenarios.Validation;

/// <summary>
/// One problem with user input. Validators return every problem they find instead of throwing at the first one
/// (k6's <c>Validate() []error</c>), so a user fixes a file in one pass.
/// </summary>
/// <param name="Location">The file and line the problem is at, when the input came from a file.</param>
/// <param name="Message">What is wrong, in words a user acts on, e.g. <c>rate must be &gt; 0</c>.</param>
public sealed record ValidationError(SourceLocation? Location, string Message)
{
    /// <summary>Formats as compilers do: <c>suite.yaml:12: rate must be &gt; 0</c>.</summary>
    public override string ToString() => Location is null ? Message : $"{Location}: {Message}";
}
