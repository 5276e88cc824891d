namespace Latency.Scenarios.Worlds;

/// <summary>
/// The countries a world file may name. Probe countries are only those with a mobile last-mile row in the
/// calibration data (scenarios/world/data/mobile-last-mile.csv), so every probe's last mile can be cited.
/// </summary>
public static class WorldCountries
{
    /// <summary>Every ISO code a deployment may serve or a probe may sit in.</summary>
    public static IReadOnlyList<string> Known { get; } = ["IN", "ID", "MY", "PH", "TW", "VN", "TH", "CN", "SG", "HK", "JP"];

    /// <summary>Countries with a mobile last-mile row (TW and TH rows lack some figures; the world file says which rule fills them).</summary>
    public static IReadOnlyList<string> ProbeCountries { get; } = ["IN", "ID", "MY", "PH", "TW", "VN", "TH"];

    /// <summary>
    /// English short names of <see cref="Known"/>, for reports ("India", not "IN"). Written out because the projects
    /// run with InvariantGlobalization, where RegionInfo has no country data, and no served package carries it.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IN"] = "India", ["ID"] = "Indonesia", ["MY"] = "Malaysia", ["PH"] = "Philippines", ["TW"] = "Taiwan",
        ["VN"] = "Vietnam", ["TH"] = "Thailand", ["CN"] = "China", ["SG"] = "Singapore", ["HK"] = "Hong Kong", ["JP"] = "Japan",
    };

    /// <summary>The English name of a <see cref="Known"/> code; any other code as it is.</summary>
    public static string EnglishName(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Names.TryGetValue(code, out var name) ? name : code;
    }
}
