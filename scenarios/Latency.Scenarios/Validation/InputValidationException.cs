namespace Latency.Scenarios.Validation;

/// <summary>
/// Carries every <see cref="ValidationError"/> of a bad input to the command line, which prints them one per line
/// and exits with code 2. Never shown to a user as a stack trace.
/// </summary>
public sealed class InputValidationException : Exception
{
    public InputValidationException(IReadOnlyList<ValidationError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ValidationError> Errors { get; }
}
