namespace Latency.Bench.Load;

/// <summary>
/// Runs and records one named step inside an iteration (NBomber's <c>Step.Run</c>): its duration, outcome and, for
/// HTTP, its request phases. An exception from the step is data, not a crash: it becomes a failed response whose kind
/// names the exception. A failed step's duration goes to its own histogram (kind <c>failed</c>), never to the step's
/// latency: a deployment that answers 503 or refuses connections at once must not look fast (issue 10), and phases are
/// recorded for successful steps only, for the same reason.
/// </summary>
public static class Step
{
    public static async Task<Response> Run(string name, ScenarioContext context, Func<Task<Response>> run)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = context.Clock;
        var start = clock.Now;
        Response response;
        try
        {
            response = await run().ConfigureAwait(false);
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
            if (response.IsError)
            {
                recorders.Record(step.FailedMetric, elapsed);
                return response;
            }

            recorders.Record(step.DurationMetric, elapsed);
            if (response.Phases is { } phases)
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
