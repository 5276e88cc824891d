using System.Text.RegularExpressions;

namespace Latency.Scenarios.Residency;

/// <summary>
/// Jurisdictions as world and suite files write them: an ISO 3166-1 alpha-2 code (<c>CN</c>, <c>IN</c>, <c>HK</c>),
/// or any other two upper-case letters a team uses for a legal area of its own (<c>EU</c>). Not limited to the
/// countries the built-in world knows: a deployment's data may rest anywhere.
/// </summary>
public static partial class Jurisdictions
{
    /// <summary>Whether <paramref name="code"/> is two upper-case ASCII letters.</summary>
    /// <param name="code">The code as written.</param>
    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>The error message for a code that is not one.</summary>
    /// <param name="key">The key it was written under.</param>
    /// <param name="code">What was written.</param>
    public static string Problem(string key, string code) =>
        $"'{key}' must be a jurisdiction code of two upper-case letters, e.g. CN or IN (got '{code}')";

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
