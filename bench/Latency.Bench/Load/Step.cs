namespace Latency.Bench.Load;

/// <summary>
/// Runs and records one named step inside an iteration (NBomber's <c>Step.Run</c>): its duration, outcome and, for
/// HTTP, its request phases, or for a composite step (a session) its time split along its critical path
/// (<see cref="Response.CriticalPath"/>). An exception from the step is data, not a crash: it becomes a failed
/// response whose kind names the exception. A failed step's duration goes to its own histogram (kind <c>failed</c>),
/// never to the step's latency: a deployment that answers 503 or refuses connections at once must not look fast
/// (issue 10), and phases are recorded for successful steps only, for the same reason.
/// </summary>
public static class Step
{
    /// <summary>Runs the step now; its duration is measured from now.</summary>
    public static Task<Response> Run(string name, ScenarioContext context, Func<Task<Response>> run)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Run(name, context, context.Clock.Now, run, static run => run(), recordLateness: false);
    }

    /// <summary>
    /// Runs the step now, as <see cref="Run(string, ScenarioContext, Func{Task{Response}})"/> does, handing
    /// <paramref name="state"/> to <paramref name="run"/>: a static lambda then captures nothing, so a step that runs
    /// on every request allocates no closure and delegate each time (issue 17).
    /// </summary>
    /// <typeparam name="TState">What the step needs, e.g. a tuple of client and context.</typeparam>
    /// <param name="name">The step's name (its metrics' step).</param>
    /// <param name="context">The iteration's context.</param>
    /// <param name="state">Passed to <paramref name="run"/>.</param>
    /// <param name="run">The step itself.</param>
    public static Task<Response> Run<TState>(string name, ScenarioContext context, TState state, Func<TState, Task<Response>> run)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Run(name, context, context.Clock.Now, state, run, recordLateness: false);
    }

    /// <summary>
    /// Runs a step that was meant to start at <paramref name="intendedStart"/> (a clock timestamp): its duration is
    /// measured from then, so a late start shows in it as the engine's corrected latency shows a late iteration, and
    /// how late it started is recorded on its own (kind <c>lateness</c>): the harness's share of the time.
    /// </summary>
    public static Task<Response> Run(string name, ScenarioContext context, long intendedStart, Func<Task<Response>> run)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Run(name, context, intendedStart, run, static run => run(), recordLateness: true);
    }

    private static async Task<Response> Run<TState>(string name, ScenarioContext context, long start, TState state,
        Func<TState, Task<Response>> run, bool recordLateness)
    {
        var clock = context.Clock;
        var actualStart = clock.Now;
        Response response;
        try
        {
            response = await run(state).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            response = Response.Fail(ErrorKinds.FromException(ex), ex.Message);
        }

        var elapsed = clock.ToMicroseconds(clock.Now - start);
        if (context.IsRecording)
        {
            var step = context.Counters.Step(name);
            step.Count(response.IsError, response.ErrorKind);
            var recorders = context.Recorders;
            if (recordLateness)
            {
                recorders.Record(step.LatenessMetric, clock.ToMicroseconds(Math.Max(0, actualStart - start)));
            }

            if (response.IsError)
            {
                recorders.Record(step.FailedMetric, elapsed);
                return response;
            }

            recorders.Record(step.DurationMetric, elapsed);
            if (response.CriticalPath is { } path)
            {
                // Every kind, zeros included, once per run: the means then add up to the mean duration.
                recorders.Record(step.DnsMetric, path.DnsUs);
                recorders.Record(step.ConnectMetric, path.ConnectUs);
                recorders.Record(step.TlsMetric, path.TlsUs);
                recorders.Record(step.TtfbMetric, path.TtfbUs);
                recorders.Record(step.TransferMetric, path.TransferUs);
                recorders.Record(step.ThinkMetric, path.ThinkUs);
                recorders.Record(step.OtherMetric, path.OtherUs(elapsed));
                if (path.RadioUs is { } radio)
                {
                    recorders.Record(step.RadioMetric, radio); // sessions without a radio leave the kind out, not zero
                }
            }
            else if (response.Phases is { } phases)
            {
                if (phases.DnsMicros is { } dns) recorders.Record(step.DnsMetric, dns);
                if (phases.ConnectMicros is { } connect) recorders.Record(step.ConnectMetric, connect);
                if (phases.TlsMicros is { } tls) recorders.Record(step.TlsMetric, tls);
                recorders.Record(step.TtfbMetric, phases.TtfbMicros);
                recorders.Record(step.TransferMetric, phases.TransferMicros);
            }
        }

        return response;
    }
}
