using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Latency.Tests.Fuzzing;

/// <summary>
/// Generators of broken inputs. Random text and bytes rarely get past a parser's first character, so most inputs are a
/// valid file of the repository with a few edits: the shapes a hand edit, a crash mid-write or a hostile file make
/// (flipped characters, truncation, lost or doubled lines, numbers out of range, renamed keys, deep nesting).
/// </summary>
internal static partial class Mutations
{
    /// <summary>Numbers a reader may not expect: out of int/long/double range, negative, not a number, in YAML spellings.</summary>
    private static readonly string[] OddNumbers =
    [
        "0", "-0", "-1", "-999999", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999",
        "1e309", "-1e309", "1e-400", "4.9e-324", "NaN", ".nan", ".inf", "-.inf", "Infinity", "0x7fffffff", "1_000", "1.5",
        "0.0000001", "", "null", "\"1\"",
    ];

    /// <summary>Fragments that mean something to YAML, JSON, the interval log format or to text decoding.</summary>
    private static readonly string[] Fragments =
    [
        "\0", "\t", "\r", "\n", "\uFEFF", "\uD800", "\uFFFF", "é", "😀", "&a ", "*a", "*b", "!!binary ", "!!int ", "<<: *a\n",
        "? ", "%YAML 1.2\n", "---\n", "...\n", "\"", "'", "\\", "{", "}", "[", "]", ",", ":", ": ", "- ", "#", "|", ">",
        "~", "null", "true", "@", "`", "Tag=", "#[StartTime: ", "#[BaseTime: ", ",,,", "HISTFAAAA", "=",
    ];

    private const int EditKinds = 10;

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_-]*(?=""?\s*:)")]
    private static partial Regex Key();

    /// <summary>One to four edits of <paramref name="valid"/>.</summary>
    public static Gen<string> Of(string valid) =>
        Gen.Select(Gen.Int[0, EditKinds - 1], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue])
            .Array[1, 4]
            .Select(edits => edits.Aggregate(valid, (text, edit) => Apply(text, edit.Item1, edit.Item2, edit.Item3, edit.Item4)));

    /// <summary>Edited text as UTF-8, sometimes with a few raw bytes flipped too (invalid UTF-8 is a shape of its own).</summary>
    public static Gen<byte[]> BytesOf(string valid) =>
        Gen.Select(Of(valid), Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte).Array[0, 3], (text, flips) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            foreach (var (at, value) in flips)
            {
                if (bytes.Length > 0)
                {
                    bytes[at % bytes.Length] = value;
                }
            }

            return bytes;
        });

    /// <summary>Random text: any characters, or only those that structure YAML and JSON (more likely to parse deep).</summary>
    public static readonly Gen<string> RandomText = Gen.OneOf<string>(
        Gen.String[0, 300],
        Gen.String[Gen.Char["{}[]:,-#&*!|>'\"\n \t0123456789.eEabc"], 0, 300],
        Gen.OneOf(Fragments).Array[0, 60].Select(parts => string.Concat(parts)));

    /// <summary>Random bytes, as a corrupt disk or the wrong file gives.</summary>
    public static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 600];

    /// <summary>Prints text inputs for a failure message, control characters escaped.</summary>
    public static string Print(string text) => Regex.Escape(text);

    /// <summary>Prints byte inputs for a failure message: as UTF-8 where it decodes, escaped.</summary>
    public static string Print(byte[] bytes) => Print(Encoding.UTF8.GetString(bytes));

    private static string Apply(string text, int kind, int a, int b, int c)
    {
        var lines = text.Split('\n').ToList();
        switch (kind)
        {
            case 0: // one character replaced by one that means something
                var at = a % (text.Length + 1);
                var fragment = Fragments[b % Fragments.Length];
                return text[..at] + fragment + text[Math.Min(text.Length, at + c % 2)..];
            case 1: // the writer stopped mid-file
                return text[..(a % (text.Length + 1))];
            case 2:
                lines.RemoveAt(a % lines.Count);
                return string.Join('\n', lines);
            case 3:
                var copied = a % lines.Count;
                lines.Insert(copied, lines[copied]);
                return string.Join('\n', lines);
            case 4:
                var numbers = Number().Matches(text);
                if (numbers.Count == 0)
                {
                    return text;
                }

                var number = numbers[a % numbers.Count];
                return text[..number.Index] + OddNumbers[b % OddNumbers.Length] + text[(number.Index + number.Length)..];
            case 5:
                var keys = Key().Matches(text);
                if (keys.Count == 0)
                {
                    return text;
                }

                var key = keys[a % keys.Count];
                string renamed = (b % 4) switch
                {
                    0 => key.Value + "x",
                    1 => key.Value.ToUpperInvariant(),
                    2 => "",
                    _ => keys[c % keys.Count].Value,
                };
                return text[..key.Index] + renamed + text[(key.Index + key.Length)..];
            case 6: // deep nesting, closed or not: stack depth is what a recursive reader runs out of
                var depth = 1 + (b % 20_000); // deep enough to overflow a recursive reader's stack (YamlDotNet's did at a few thousand)
                var open = (c % 3) switch { 0 => "[", 1 => "{\"a\":", _ => "- " };
                var nested = string.Concat(Enumerable.Repeat(open, depth)) + (c % 2 == 0 ? "1" + Closers(open, depth) : "");
                var line = a % lines.Count;
                lines[line] = lines[line] + nested;
                return string.Join('\n', lines);
            case 7:
                var insertAt = a % (text.Length + 1);
                return text[..insertAt] + string.Concat(Enumerable.Range(0, 1 + c % 4).Select(i => Fragments[(b + i * 7) % Fragments.Length])) + text[insertAt..];
            case 8:
                var first = a % lines.Count;
                var second = b % lines.Count;
                (lines[first], lines[second]) = (lines[second], lines[first]);
                return string.Join('\n', lines);
            default: // indentation: YAML's structure
                var indented = a % lines.Count;
                lines[indented] = b % 2 == 0 ? new string(' ', 1 + c % 9) + lines[indented] : lines[indented].TrimStart();
                return string.Join('\n', lines);
        }
    }

    private static string Closers(string open, int depth) => open switch
    {
        "[" => new string(']', depth),
        "{\"a\":" => new string('}', depth),
        _ => "",
    };
}
