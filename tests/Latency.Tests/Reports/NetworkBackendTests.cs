using System.Text.Json;
using Latency.RunDirectory;
using Latency.World.Runtime;

namespace Latency.Tests.Reports;

/// <summary>
/// The backend is one type across world, engine and run directory, but files written before it spelled it as a
/// lowercase string: every JSON options set that writes or reads it must keep that spelling.
/// </summary>
public sealed class NetworkBackendTests
{
    public static TheoryData<NetworkBackend, string> Spellings => new()
    {
        { NetworkBackend.Direct, "direct" },
        { NetworkBackend.Tun, "tun" },
        { NetworkBackend.Relay, "relay" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Name_IsTheLowercaseSpellingFilesUse(NetworkBackend backend, string spelling) =>
        Assert.Equal(spelling, backend.Name());

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Json_EveryOptionsSetWritesAndReadsTheSpellingOfOlderFiles(NetworkBackend backend, string spelling)
    {
        foreach (var options in new[] { JsonSerializerOptions.Default, RunDirectoryJson.Options, RunDirectoryJson.CamelCaseOptions, WorldDirectory.Json })
        {
            Assert.Equal($"\"{spelling}\"", JsonSerializer.Serialize(backend, options));
            Assert.Equal(backend, JsonSerializer.Deserialize<NetworkBackend>($"\"{spelling}\"", options));
        }
    }

    [Fact]
    public void WorldState_WrittenWithTheBackendAsAString_StillReads()
    {
        using var directory = new TempDirectory();
        var world = new WorldDirectory(directory.Path);
        // state.json as `world up` wrote it when the backend was a string.
        File.WriteAllText(world.StateFile, """
            {
              "schema_version": 1, "world_name": "asia", "profile": "typical", "prefix": "lt", "backend": "relay",
              "started_utc": "2025-06-01T02:00:00+00:00", "process_ids": [41], "ca_certificate_file": "ca.pem",
              "probes": [], "deployments": [], "paths": []
            }
            """);

        var state = world.Read<WorldState>(world.StateFile);

        Assert.Equal(NetworkBackend.Relay, state!.Backend);
    }
}
