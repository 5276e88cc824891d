using System.Text.RegularExpressions;

namespace Latency.Scenarios.Suites;

/// <summary>
/// The charset of scenario and step names. They end up in file names and histogram tags, so only characters that
/// are safe in both are allowed.
/// </summary>
internal static partial class SuiteNames
{
    public const string Charset = "[A-Za-z0-9_.-]";

    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    public static string Problem(string what, string name) =>
        $"{what} '{name}' may only contain letters, digits, '_', '.' and '-'";

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
