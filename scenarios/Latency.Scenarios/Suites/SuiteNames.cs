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

    /// <summary>Longest suite name: with the run's time stamp in front it stays far below a file name's 255 bytes.</summary>
    public const int MaxSuiteNameLength = 100;

    /// <summary>
    /// Whether a suite's name is safe as the last part of a file name: the charset above, not only dots (".." would
    /// name a parent folder) and not too long. The default run folder is runs/TIME-NAME.
    /// </summary>
    public static bool IsSafeSuiteName(string name) =>
        IsValid(name) && name.Trim('.').Length > 0 && name.Length <= MaxSuiteNameLength;

    public static string Problem(string what, string name) =>
        $"{what} '{name}' may only contain letters, digits, '_', '.' and '-'";

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
