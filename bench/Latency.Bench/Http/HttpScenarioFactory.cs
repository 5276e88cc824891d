using Latency.Bench.Load;
using Latency.Scenarios.Suites;

namespace Latency.Bench.Http;

/// <summary>
/// Turns a suite's scenario definition into an engine scenario: each iteration runs the HTTP steps in order on
/// one client per scenario (its connections capped at the scenario's <c>connections</c> and used in turn), stopping at
/// the first failed step.
/// </summary>
public static class HttpScenarioFactory
{
    private const string ClientKey = "http-client";

    /// <summary>What a scenario without steps returns; one instance, as a response is immutable.</summary>
    private static readonly Response NoSteps = Response.Ok();

    public static ScenarioProps Create(ScenarioDefinition definition, HttpClientSettings? baseSettings = null)
    {
        var settings = (baseSettings ?? new HttpClientSettings()) with
        {
            HttpVersion = HttpClientSettings.ParseHttpVersion(definition.HttpVersion),
            MaxConnectionsPerServer = definition.Connections,
            // A scenario's connections are wrk2's: the rate spread over all of them, not piled on the one freed last.
            UseConnectionsInTurn = true,
        };
        var steps = definition.Steps.Select(s => (s.Name, Method: new HttpMethod(s.Method), s.Url, s.Headers, s.BodyBytes, s.Timeout)).ToArray();

        return Scenario.Create(definition.Name, async context =>
            {
                var client = (HandsetHttpClient)context.ScenarioData[ClientKey];
                var last = NoSteps;
                foreach (var step in steps)
                {
                    // State instead of a closure: nothing allocated per step for the call itself (issue 17).
                    last = await Step.Run(step.Name, context, (client, step, context.CancellationToken), static s =>
                        s.client.SendAsync(s.step.Method, s.step.Url, s.step.Headers, s.step.BodyBytes, s.step.Timeout, s.CancellationToken)).ConfigureAwait(false);
                    if (last.IsError)
                    {
                        return last;
                    }
                }

                return last;
            })
            .WithLoadSimulations([.. definition.Load])
            .WithWarmUpDuration(definition.WarmUp)
            .WithMaxConcurrency(definition.Connections)
            .WithMaxStartDelay(definition.MaxStartDelay)
            .WithThresholds([.. definition.Thresholds.Select(t => t.Text)])
            .WithLabels(new Dictionary<string, string> { ["http"] = definition.HttpVersion })
            .WithInit(init =>
            {
                init.Data[ClientKey] = new HandsetHttpClient(settings);
                return Task.CompletedTask;
            })
            .WithClean(init =>
            {
                if (init.Data.Remove(ClientKey, out var client))
                {
                    ((HandsetHttpClient)client).Dispose();
                }

                return Task.CompletedTask;
            });
    }
}
