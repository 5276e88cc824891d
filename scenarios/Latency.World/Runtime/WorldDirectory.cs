using System.Text.Json;
using System.Text.Json.Serialization;
using Latency.World.Native;

namespace Latency.World.Runtime;

/// <summary>
/// The state directory of the (one) world on this machine: plan.json, state.json, the CA, the processes' logs.
/// Root keeps it in /run (gone at reboot, like the namespaces it describes); others in their runtime directory.
/// </summary>
public sealed class WorldDirectory(string path)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string Path { get; } = path;

    public string PlanFile => System.IO.Path.Combine(Path, "plan.json");
    public string StateFile => System.IO.Path.Combine(Path, "state.json");
    public string NetworkReadyFile => System.IO.Path.Combine(Path, "network.ready");
    public string BackendsReadyFile => System.IO.Path.Combine(Path, "backends.ready");
    /// <summary>The emulator's per-handset radio waits (<see cref="Radio.RadioLedger"/>), shared with the harness.</summary>
    public string RadioLedgerFile => System.IO.Path.Combine(Path, "radio.ledger");
    public string CaCertificateFile => System.IO.Path.Combine(Path, "ca.pem");
    public string CaKeyFile => System.IO.Path.Combine(Path, "ca.key");
    public string LogFile(string part) => System.IO.Path.Combine(Path, part + ".log");
    public string PidFile(string part) => System.IO.Path.Combine(Path, part + ".pid");

    public static WorldDirectory Default()
    {
        var overridden = Environment.GetEnvironmentVariable("LATENCY_WORLD_DIR");
        if (!string.IsNullOrEmpty(overridden))
        {
            return new WorldDirectory(overridden);
        }

        if (Libc.GetEffectiveUserId() == 0)
        {
            return new WorldDirectory("/run/latency/world");
        }

        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return new WorldDirectory(string.IsNullOrEmpty(runtime)
            ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"latency-world-{Libc.GetEffectiveUserId()}")
            : System.IO.Path.Combine(runtime, "latency", "world"));
    }

    /// <summary>
    /// Creates the folder 0700 if it is absent and refuses it (<see cref="UnsafeFolderException"/>) when it is a link,
    /// someone else's, or writable by others: its files name the processes <c>down</c> signals and the namespaces it deletes.
    /// </summary>
    public void EnsurePrivate() => PrivateFolder.Ensure(Path);

    /// <summary>Whether the folder exists; throws <see cref="UnsafeFolderException"/> when it exists but is not private.</summary>
    public bool ExistsPrivately()
    {
        PrivateFolder.ThrowIfUnsafe(Path);
        return PrivateFolder.Exists(Path);
    }

    public T? Read<T>(string file) where T : class
    {
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json);
        }
        catch (JsonException ex)
        {
            throw new IOException($"{file} is not what the world wrote: {ex.Message}", ex);
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a file.</summary>
    public void Write<T>(string file, T value)
    {
        EnsurePrivate();
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(value, Json));
        File.Move(temporary, file, overwrite: true);
    }
}
