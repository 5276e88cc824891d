using Latency.World.Network;

namespace Latency.World.Runtime;

/// <summary>
/// <c>world up</c>, <c>down</c> and <c>status</c>. Up and down are idempotent; up first removes what a killed world
/// left behind, and down removes everything whether or not the processes still run. Both remove only what this
/// state folder's plan named (written before anything is created, so a crash mid-way leaves nothing unnamed) and
/// signal only processes whose command line serves this folder: another world's namespaces with the same prefix,
/// and a process that reuses a stale pid, are left alone.
/// </summary>
public sealed class WorldController(WorldDirectory directory, IReadOnlyList<string> latencyCommand)
{
    /// <summary>
    /// Every world's namespaces and interfaces start with this, followed by 4 hex digits of the world's id. Tests
    /// set LATENCY_WORLD_PREFIX_FAMILY to their own, so their clean-up never touches a world a developer has up.
    /// </summary>
    public static string PrefixFamily =>
        Environment.GetEnvironmentVariable("LATENCY_WORLD_PREFIX_FAMILY") is { Length: > 0 and <= 3 } family ? family : "lw";

    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    public WorldDirectory Directory => directory;

    /// <summary>The state of a world that is up and whose processes all live; null otherwise.</summary>
    public WorldState? Running()
    {
        var state = directory.Read<WorldState>(directory.StateFile);
        return state is not null && state.ProcessIds.All(pid => WorldProcesses.IsOurs(pid, directory)) ? state : null;
    }

    /// <summary>
    /// Null when no world is up or the one up is <paramref name="plan"/>'s (same name, profile and file content);
    /// else why the world that is up is another (see <see cref="WorldMismatch"/>), for the command to refuse with.
    /// </summary>
    /// <param name="plan">The world a command needs.</param>
    public string? Conflict(WorldPlan plan) => Running() is { } running ? WorldMismatch.Describe(running, plan) : null;

    /// <summary>
    /// Brings a world up from a plan, or returns the one already up when it is the same world: same name, profile and
    /// file content (a path names a file, not what was in it when the world came up).
    /// </summary>
    public async Task<(WorldState State, bool AlreadyUp)> UpAsync(WorldPlan plan, bool useNamespaces, Action<string> log,
        CancellationToken cancellationToken, Action? beforeStart = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Before anything in it is trusted: Running reads its state, DownAsync its pid files.
        directory.EnsurePrivate();
        if (Running() is { } running)
        {
            return WorldMismatch.Describe(running, plan) is { } mismatch
                ? throw new InvalidOperationException(mismatch)
                : (running, true);
        }

        foreach (var removed in await DownAsync(cancellationToken).ConfigureAwait(false))
        {
            log($"removed leftover {removed}");
        }

        // The plan names every namespace and interface the network process will create: written first, so a world
        // that crashes half-way is still cleaned by the next up or down, which remove exactly what it names.
        directory.EnsurePrivate();
        directory.Write(directory.PlanFile, plan);
        beforeStart?.Invoke();
        var pids = new List<int>();
        try
        {
            var parts = useNamespaces ? new[] { "network", "backends" } : new[] { "relay" };
            foreach (var part in parts)
            {
                log($"starting the world's {part} process");
                pids.Add(WorldProcesses.StartDetached(latencyCommand, directory, part));
                await WaitReadyAsync(part, pids[^1], cancellationToken).ConfigureAwait(false);
            }

            var state = directory.Read<WorldState>(directory.StateFile)
                        ?? throw new IOException($"the world started but wrote no {directory.StateFile}");
            state = state with { ProcessIds = pids };
            directory.Write(directory.StateFile, state);
            return (state, false);
        }
        catch
        {
            if (Environment.GetEnvironmentVariable("LATENCY_WORLD_KEEP_FAILED") != "1")
            {
                await DownAsync(CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Stops the world's processes and removes its namespaces, interfaces and state; returns what was removed. Throws
    /// <see cref="Native.UnsafeFolderException"/> when the state folder is not private to this user.
    /// </summary>
    public async Task<IReadOnlyList<string>> DownAsync(CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        if (!directory.ExistsPrivately())
        {
            return removed;
        }

        foreach (var pidFile in System.IO.Directory.GetFiles(directory.Path, "*.pid"))
        {
            if (int.TryParse(await File.ReadAllTextAsync(pidFile, cancellationToken).ConfigureAwait(false), out var pid)
                && WorldProcesses.IsOurs(pid, directory))
            {
                await WorldProcesses.StopAsync(pid, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                removed.Add($"process {pid} ({Path.GetFileNameWithoutExtension(pidFile)})");
            }
        }

        if (NamespaceTopology.HasNetAdmin && directory.Read<WorldPlan>(directory.PlanFile) is { } plan)
        {
            var (namespaces, links) = RecordedNames(plan);
            removed.AddRange(await NamespaceTopology.RemoveAsync(namespaces, links, cancellationToken).ConfigureAwait(false));
        }

        System.IO.Directory.Delete(directory.Path, recursive: true);
        return removed;
    }

    /// <summary>Namespaces and TUN interfaces this folder's plan named that still exist while none of its processes runs.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync(CancellationToken cancellationToken)
    {
        if (Running() is not null || PrivateFolderProblem() is not null || directory.Read<WorldPlan>(directory.PlanFile) is not { } plan)
        {
            return [];
        }

        var (namespaces, _) = RecordedNames(plan);
        return (await NamespaceTopology.NamespacesAsync(cancellationToken).ConfigureAwait(false)).Where(namespaces.Contains).Select(n => "netns " + n).ToList();
    }

    /// <summary>The namespaces and TUN interfaces a world of <paramref name="plan"/> creates (<see cref="NamespaceTopology"/>'s names).</summary>
    /// <param name="plan">The plan in the state folder.</param>
    public static (IReadOnlyCollection<string> Namespaces, IReadOnlyCollection<string> Links) RecordedNames(WorldPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var nodes = plan.NodeNames;
        return (nodes.Select(n => NamespaceTopology.NamespaceName(plan.Prefix, n)).ToHashSet(StringComparer.Ordinal),
            Enumerable.Range(0, nodes.Count).Select(i => NamespaceTopology.TunName(plan.Prefix, i)).ToHashSet(StringComparer.Ordinal));
    }

    private string? PrivateFolderProblem() => Native.PrivateFolder.Problem(directory.Path, Native.Libc.GetEffectiveUserId());

    private async Task WaitReadyAsync(string part, int pid, CancellationToken cancellationToken)
    {
        var ready = part switch
        {
            "network" => directory.NetworkReadyFile,
            _ => directory.BackendsReadyFile,
        };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!File.Exists(ready))
        {
            if (!WorldProcesses.IsAlive(pid))
            {
                throw new IOException($"the world's {part} process exited while starting: {Tail(directory.LogFile(part))}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the world's {part} process was not ready after {ReadyTimeout.TotalSeconds} s (see {directory.LogFile(part)})");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Tail(string file)
    {
        if (!File.Exists(file))
        {
            return "(no log)";
        }

        var lines = File.ReadAllLines(file);
        return lines.LastOrDefault(l => l.StartsWith("world ", StringComparison.Ordinal) && l.Contains(" failed: ", StringComparison.Ordinal))
               ?? string.Join(" | ", lines.TakeLast(3));
    }
}
