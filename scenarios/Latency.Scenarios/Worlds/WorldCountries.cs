namespace Latency.Scenarios.Worlds;

/// <summary>
/// The countries a world file may name. Probe countries are only those with a mobile last-mile row in the
/// calibration data (../shared/data/mobile-last-mile.csv), so every probe's last mile can be cited.
/// </summary>
public static class WorldCountries
{
    /// <summary>Every ISO code a deployment may serve or a probe may sit in.</summary>
    public static IReadOnlyList<string> Known { get; } = ["IN", "ID", "MY", "PH", "TW", "VN", "TH", "CN", "SG", "HK", "JP"];

    /// <summary>Countries with a mobile last-mile row (TW and TH rows lack some figures; the world file says which rule fills them).</summary>
    public static IReadOnlyList<string> ProbeCountries { get; } = ["IN", "ID", "MY", "PH", "TW", "VN", "TH"];
}
