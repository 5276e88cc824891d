using Latency.Scenarios.Validation;
using Latency.World.Network;
using Latency.World.Runtime;

namespace Latency.Bench.Application;

/// <summary>
/// A study's world for the length of the study: the world already up when it is the study's (by content), else
/// brought up with its CA and taken down again when the session ends.
/// </summary>
internal sealed class WorldSession : IAsyncDisposable
{
    private readonly IRunObserver _observer;
    private readonly bool _weStartedIt;

    private WorldSession(WorldController controller, WorldState state, bool weStartedIt, IRunObserver observer)
    {
        Controller = controller;
        State = state;
        _weStartedIt = weStartedIt;
        _observer = observer;
    }

    /// <summary>The world's controller (its state directory).</summary>
    public WorldController Controller { get; }

    /// <summary>The world that is up.</summary>
    public WorldState State { get; }

    /// <summary>
    /// The world of <paramref name="plan"/>, up; or, when another world (or another version of this one) is up, the
    /// problem, and nothing brought up.
    /// </summary>
    /// <param name="plan">The world the study needs.</param>
    /// <param name="observer">Hears what is being done.</param>
    /// <param name="stop">Stops waiting for the world to come up.</param>
    public static async Task<(WorldSession? Session, ValidationError? Problem)> OpenAsync(WorldPlan plan, IRunObserver observer, CancellationToken stop)
    {
        var controller = LocalWorld.Controller();
        // The world up must be the study's by content, not only by name: a file of one's own named like the built-in
        // world, or one edited since its world came up, would otherwise be measured on the wrong network.
        if (controller.Conflict(plan) is { } conflict)
        {
            return (null, new ValidationError(null, conflict));
        }

        if (controller.Running() is { } running)
        {
            return (new WorldSession(controller, running, weStartedIt: false, observer), null);
        }

        if (!NamespaceTopology.HasNetAdmin)
        {
            observer.Warning("not root: the world runs on loopback relays (no per-packet loss); the report says so.");
        }

        observer.Line($"Bringing the world '{plan.WorldName}' up (profile {plan.Profile})...");
        var (state, _) = await LocalWorld.UpAsync(controller, plan, NamespaceTopology.HasNetAdmin, line => observer.Line("  " + line), stop)
            .ConfigureAwait(false);
        return (new WorldSession(controller, state, weStartedIt: true, observer), null);
    }

    /// <summary>Takes the world down when this session brought it up; a world that was already up stays up.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_weStartedIt)
        {
            _observer.Line("Taking the world down.");
            await Controller.DownAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
