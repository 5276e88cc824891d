namespace Latency.Micro.MaxRate;

/// <summary>
/// Runs socket continuations on the thread that polled the sockets (epoll) instead of queuing each one to the thread
/// pool, when the commands that measure the engine as a client (<c>max-rate</c>, <c>engine-allocations</c>) are given
/// <see cref="Option"/>. The runtime reads this only from an environment variable, once, when the first socket is used,
/// so it is set here before that. Opt-in: the <c>latency</c> harness does not run this way (yet), and the commands'
/// default must measure the engine as the harness runs it.
/// </summary>
/// <remarks>
/// Why (issue 17): with the thread pool's dispatch, a quarter of a request's work items were hops to the pool, and
/// about 30% of the client's CPU samples (perf, max-rate at 10 connections) were idle pool workers spinning in
/// <c>sched_yield</c> while they waited for the next item, taken from the server on the 2 cores they share. Inline,
/// the pool does no work per request (0.00 work items against 0.20) and the spinning is gone (0.4% of samples).
/// The price is that a continuation which blocks stalls every socket polled by its thread; the request path (handler,
/// phase timing, recording) does not block. The server (<see cref="ServerProcess"/>) does not inherit the setting.
/// </remarks>
public static class InlineSocketCompletions
{
    /// <summary>The commands' flag that asks for inline completions.</summary>
    public const string Option = "--inline-completions";

    /// <summary>The runtime's switch (System.Net.Sockets reads it as <c>"1"</c>).</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>True when <see cref="EnableUnlessSet"/> set the variable (rather than the caller's environment).</summary>
    public static bool SetByThisProcess { get; private set; }

    /// <summary>Turns inline completions on unless the environment already says either way; call before any socket use.</summary>
    public static void EnableUnlessSet()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
            SetByThisProcess = true;
        }
    }
}
