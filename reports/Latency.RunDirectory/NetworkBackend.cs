using System.Text.Json.Serialization;

namespace Latency.RunDirectory;

/// <summary>
/// How traffic reached the targets. One type for the world (which backend it runs), the engine (how it reaches a
/// deployment) and the run directory's files (run.json, calibration.json) and reports, which record and print it.
/// In JSON it is the lowercase name (<c>"tun"</c>), as every file written before this type existed spells it; the
/// member names are fixed here, so any serializer options write and read the same strings.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<NetworkBackend>))]
public enum NetworkBackend
{
    /// <summary>The targets' real endpoints, reached from this machine's own network.</summary>
    [JsonStringEnumMemberName("direct")]
    Direct,

    /// <summary>The emulated WAN: network namespaces joined by a user-space emulator on TUN devices (needs root).</summary>
    [JsonStringEnumMemberName("tun")]
    Tun,

    /// <summary>Loopback relays that delay and pace each path's bytes without root; packet loss is not modelled.</summary>
    [JsonStringEnumMemberName("relay")]
    Relay,
}
