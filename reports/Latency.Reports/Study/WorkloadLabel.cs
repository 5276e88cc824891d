namespace Latency.Reports.Study;

/// <summary>
/// A workload's name as a product lead reads it: "app-cold-start" becomes "App cold start", "ota-check" "OTA check".
/// Workload files have a description (a sentence, too long for a table cell or a legend) but no title, and run.json
/// carries neither, so the label comes from the name. Machine outputs and the engineers' tables keep the raw name.
/// </summary>
public static class WorkloadLabel
{
    // Names are lower-case kebab, so an initialism cannot be told from a word by its case: these are written in capitals.
    private static readonly HashSet<string> Initialisms = new(StringComparer.Ordinal)
    {
        "api", "cdn", "dns", "gps", "http", "https", "id", "ota", "otp", "qr", "sdk", "sms", "sso", "tcp", "tls", "udp", "ui", "url", "vpn",
    };

    /// <summary>
    /// The label of <paramref name="name"/>: words split at '-', '_' and spaces, the first capitalised, known
    /// initialisms in capitals, other words as written (so "iOS" stays "iOS", and a host name imported from a HAR keeps
    /// its dots). A name with no word comes back as it is.
    /// </summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return name;
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (Initialisms.Contains(words[i]))
            {
                words[i] = words[i].ToUpperInvariant();
            }
        }

        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }

    /// <summary>
    /// The label mid-sentence: "app cold start" for "App cold start", but "OTA check" keeps the capitals of its
    /// initialism.
    /// </summary>
    public static string InSentence(string name)
    {
        var label = Of(name);
        return label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;
    }
}
