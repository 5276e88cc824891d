using System.Globalization;

namespace Latency.Micro;

/// <summary>Value parsers the commands' option records share; each adds a message naming the option on a bad value.</summary>
internal static class CommandArguments
{
    /// <summary>A whole number above zero; 1 (with an error added) otherwise, so the caller may go on parsing.</summary>
    /// <param name="name">The option, for the message.</param>
    /// <param name="value">The text after it; null when it was the last argument.</param>
    /// <param name="errors">Where a problem goes.</param>
    public static int Positive(string name, string? value, List<string> errors)
    {
        if (value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            return parsed;
        }

        errors.Add($"{name} needs a whole number > 0 (got '{value ?? "nothing"}')");
        return 1;
    }
}
