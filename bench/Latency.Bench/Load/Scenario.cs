namespace Latency.Bench.Load;

/// <summary>Entry point of the C# API, shaped like NBomber's: <c>Scenario.Create(name, async ctx =&gt; ...)</c>.</summary>
public static class Scenario
{
    /// <summary>A scenario that runs <paramref name="run"/> once per iteration. Configure it with the <c>With...</c> copies.</summary>
    public static ScenarioProps Create(string name, Func<ScenarioContext, Task<Response>> run) => new(name, run);
}
