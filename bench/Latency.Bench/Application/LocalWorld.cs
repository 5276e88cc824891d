using Latency.World.Runtime;
using Latency.World.Tls;

namespace Latency.Bench.Application;

/// <summary>
/// The emulated world of this machine: its controller (the default state directory, and how to start the world's
/// processes: this same program) and bringing it up with a certificate authority of its own.
/// </summary>
public static class LocalWorld
{
    /// <summary>The controller of the world in the default state directory.</summary>
    public static WorldController Controller() => new(WorldDirectory.Default(), CommandLine());

    /// <summary>How to start this same program again: the apphost, or <c>dotnet latency.dll</c>.</summary>
    public static IReadOnlyList<string> CommandLine()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, typeof(LocalWorld).Assembly.Location]
            : [process];
    }

    /// <summary>
    /// Brings <paramref name="plan"/> up (or keeps the same world already up) with a new CA for every world, so clients
    /// trust exactly this world's certificates.
    /// </summary>
    /// <param name="controller">The world's controller.</param>
    /// <param name="plan">The world to bring up.</param>
    /// <param name="useNamespaces">Network namespaces and the TUN emulator (root) rather than loopback relays.</param>
    /// <param name="log">Receives what is being done, a line at a time.</param>
    /// <param name="cancellationToken">Stops waiting for the world's processes.</param>
    public static Task<(WorldState State, bool AlreadyUp)> UpAsync(WorldController controller, WorldPlan plan, bool useNamespaces,
        Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(plan);
        return controller.UpAsync(plan, useNamespaces, log, cancellationToken, beforeStart: () =>
        {
            using var authority = WorldCertificateAuthority.Create(plan.WorldName);
            authority.Save(controller.Directory.Path);
        });
    }
}
