using System.CommandLine;
using System.Text.Json;
using Latency.Bench.Application;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Worlds;
using Latency.World.Network;
using Latency.World.Runtime;

namespace Latency.Bench.Cli;

/// <summary><c>latency world up|down|status</c>: the emulated world's lifecycle (and the hidden <c>serve</c> its processes run).</summary>
public static class WorldCommand
{
    public static Command Create()
    {
        var world = new Command("world", "The emulated world: a network namespace per probe country and per deployment, joined by a " +
                                         "user-space WAN emulator that applies each path's delay, jitter, loss and bandwidth, with a " +
                                         "handset backend (TLS 1.3, HTTP/1.1 and HTTP/2) in every deployment. Needs root; without it, " +
                                         "loopback relays stand in (less faithful: no packet loss).");
        world.Subcommands.Add(Up());
        world.Subcommands.Add(Down());
        world.Subcommands.Add(Status());
        world.Subcommands.Add(Serve());
        return world;
    }

    private static Command Up()
    {
        var file = new Option<string?>("--world", "-w") { Description = "World file (docs/world-reference.md); default: the built-in asia world." };
        var profile = new Option<string?>("--profile", "-p") { Description = "Profile of the paths into Beijing: typical (default) or congested." };
        var command = new Command("up", "Bring the world up (idempotent: a world already up with the same file and profile is kept).") { file, profile };
        command.SetAction((parse, ct) => UpAsync(parse.GetValue(file), parse.GetValue(profile), parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static Command Down()
    {
        var command = new Command("down", "Take the world down and remove its namespaces, interfaces and state, also a killed world's leftovers (idempotent).");
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<string> removed;
            try
            {
                removed = await LocalWorld.Controller().DownAsync(ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                // A state folder that is not ours (UnsafeFolderException) is refused, not cleaned: say why, no stack.
                await parse.InvocationConfiguration.Error.WriteLineAsync($"latency: world down failed: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.RunFailed;
            }

            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(removed.Count == 0 ? "No world was up; nothing left behind." : "Removed: " + string.Join(", ", removed)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status()
    {
        var json = new Option<bool>("--json") { Description = "Print the state as JSON (probes, deployments, paths) for scripts." };
        var command = new Command("status", "Show the world that is up: probes and deployments with namespaces and URLs, every path's model, leftovers.") { json };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var controller = LocalWorld.Controller();
            var state = controller.Running();
            var leftovers = NamespaceTopology.HasNetAdmin ? await controller.LeftoversAsync(ct).ConfigureAwait(false) : [];
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(StatusJson.From(state, leftovers), WorldDirectory.Json)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (state is null)
            {
                await output.WriteLineAsync("No world is up.").ConfigureAwait(false);
            }
            else
            {
                WorldPrinter.Print(output, state);
            }

            foreach (var leftover in leftovers)
            {
                await output.WriteLineAsync($"leftover: {leftover} (remove with 'latency world down')").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Serve()
    {
        var part = new Option<string>("--part") { Required = true, Description = "network, backends or relay" };
        var state = new Option<string>("--state") { Required = true, Description = "The world's state directory." };
        var command = new Command("serve", "Internal: one of the world's long-running processes (started by 'world up').") { part, state };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            var directory = new WorldDirectory(parse.GetValue(state)!);
            using var signals = new StopSignals();
            var output = parse.InvocationConfiguration.Output;
            try
            {
                return parse.GetValue(part) switch
                {
                    "network" => await NetworkPart.RunAsync(directory, output, signals.Token).ConfigureAwait(false),
                    "backends" => await BackendsPart.RunAsync(directory, output, signals.Token).ConfigureAwait(false),
                    "relay" => await RelayPart.RunAsync(directory, output, signals.Token).ConfigureAwait(false),
                    var other => throw new ArgumentException($"unknown part '{other}'"),
                };
            }
            catch (Exception ex)
            {
                await output.WriteLineAsync($"world {parse.GetValue(part)} failed: {ex.Message}").ConfigureAwait(false);
                await output.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
                return ExitCodes.RunFailed;
            }
        });
        return command;
    }

    private static async Task<int> UpAsync(string? file, string? profile, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var controller = LocalWorld.Controller();
        WorldPlan? plan = null;
        var problems = new List<ValidationError>();
        try
        {
            plan = WorldPlanner.Plan(WorldFiles.Load(file), profile, file is null ? null : Path.GetFullPath(file));
        }
        catch (InputValidationException ex)
        {
            problems.AddRange(ex.Errors);
        }
        catch (ArgumentException ex)
        {
            problems.Add(new ValidationError(null, $"--profile: {ex.Message}"));
        }

        // Asking for a world while another is up is a mistake in the request, not a failure of the machine.
        if (plan is not null && controller.Conflict(plan) is { } conflict)
        {
            problems.Add(new ValidationError(null, conflict));
        }

        if (problems.Count > 0 || plan is null)
        {
            return await ValidationErrorReporter.ReportAsync(error, problems, "no world was brought up").ConfigureAwait(false);
        }

        var useNamespaces = NamespaceTopology.HasNetAdmin;
        if (!useNamespaces)
        {
            await error.WriteLineAsync("latency: not root: network namespaces are unavailable, so the world falls back to loopback relays " +
                                       "(no per-packet loss; every run records the backend it used).").ConfigureAwait(false);
        }

        try
        {
            var (state, alreadyUp) = await LocalWorld.UpAsync(controller, plan, useNamespaces, message => output.WriteLine(message), ct)
                .ConfigureAwait(false);
            await output.WriteLineAsync(alreadyUp ? "The world was already up:" : "The world is up:").ConfigureAwait(false);
            WorldPrinter.Print(output, state);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"latency: world up failed: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
    }
}
