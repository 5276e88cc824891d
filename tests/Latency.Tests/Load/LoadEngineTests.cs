using HdrHistogram;
using Latency.RunDirectory;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.Scenarios.Load;
using Latency.Scenarios.Validation;

namespace Latency.Tests.Load;

public class LoadEngineTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static ScenarioProps Noop(string name) => Scenario.Create(name, _ => Task.FromResult(Response.Ok()));

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(10);

    private static async Task<EngineResult> RunAsync(params ScenarioProps[] scenarios)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        var result = await new LoadEngine(new EngineOptions()).RunAsync(scenarios, timeout.Token);
        Assert.False(timeout.IsCancellationRequested, "the run should end on its own well before the safety timeout");
        return result;
    }

    [Fact]
    public void Plan_SeveralBadScenarios_ReturnsEveryErrorNamingItsScenario()
    {
        var (_, errors) = LoadEngine.Plan(
        [
            Noop("bad name").WithLoadSimulations(new Inject(-5, Second, 10 * Second)),
            Noop("long-interval").WithLoadSimulations(new Inject(10, 20 * Second, 10 * Second)),
            Noop("no_workers").WithMaxConcurrency(0).WithLoadSimulations(new KeepConstant(1, Second)),
            Noop("ok").WithLoadSimulations(new KeepConstant(1, Second)),
        ]);

        Assert.Equal(
        [
            "scenario 'bad name': name may hold only letters, digits, '_', '.' and '-'",
            "scenario 'bad name': load simulation #1: inject: rate must be > 0 (got -5)",
            "scenario 'long-interval': load simulation #1: inject: interval (20 s) must not be longer than during (10 s)",
            "scenario 'no_workers': max concurrency must be > 0",
        ], errors.Select(e => e.Message));
        Assert.All(errors, e => Assert.Null(e.Location));
    }

    [Fact]
    public void Plan_DuplicateNamesAndNoSimulations_BothReported()
    {
        var (plans, errors) = LoadEngine.Plan([Noop("a"), Noop("a").WithLoadSimulations(new KeepConstant(1, Second))]);

        Assert.Equal(
        [
            "scenario name 'a' is used 2 times",
            "scenario 'a': at least one load simulation is required",
        ], errors.Select(e => e.Message));
        Assert.Single(plans);
    }

    [Fact]
    public void Plan_ValidScenarios_NoErrorAndOneTimelineEach()
    {
        var (plans, errors) = LoadEngine.Plan(
        [
            Noop("open").WithLoadSimulations(new Inject(10, Second, 2 * Second)),
            Noop("closed").WithLoadSimulations(new KeepConstant(2, Second)),
        ]);

        Assert.Empty(errors);
        Assert.Equal(["open", "closed"], plans.Select(p => p.Props.Name));
        Assert.Equal(20, plans[0].Timeline.PlannedArrivals);
    }

    [Fact]
    public async Task RunAsync_InvalidScenario_ThrowsBeforeRunningAnything()
    {
        var ran = 0;
        var scenario = Scenario.Create("x y", _ => { Interlocked.Increment(ref ran); return Task.FromResult(Response.Ok()); })
            .WithLoadSimulations(new IterationsForConstant(1, 1));

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => new LoadEngine(new EngineOptions()).RunAsync([scenario], CancellationToken.None));

        Assert.Contains("scenario 'x y'", ex.Message);
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task RunAsync_IterationsForConstant_RunsExactlyTheBudget()
    {
        var calls = 0;
        var scenario = Scenario.Create("c", async ctx =>
            {
                Interlocked.Increment(ref calls);
                await Task.Delay(1);
                return Response.Ok();
            })
            .WithLoadSimulations(new IterationsForConstant(4, 200));

        var result = await RunAsync(scenario);

        Assert.Equal(RunStatus.Complete, result.Status);
        var counters = Assert.Single(result.Scenarios).Counters;
        Assert.Equal(200, calls);
        Assert.Equal(200, counters.Intended);
        Assert.Equal(200, counters.Started);
        Assert.Equal(200, counters.Completed);
        Assert.Equal(200, counters.Ok);
        Assert.Equal(0, counters.Failed);
        Assert.Equal(0, counters.Dropped);
        Assert.Equal(200, result.Histograms.Total(new MetricKey("c", MetricKey.IterationStep, MetricKinds.Corrected)).TotalCount);
        Assert.Equal(200, result.Histograms.Total(new MetricKey("c", MetricKey.IterationStep, MetricKinds.Uncorrected)).TotalCount);
    }

    [Fact]
    public async Task RunAsync_BodyThrows_EveryIterationFailedWithExceptionKind()
    {
        var scenario = Scenario.Create("t", async ctx =>
            {
                await Task.Yield();
                throw new InvalidOperationException("boom");
            })
            .WithLoadSimulations(new IterationsForConstant(2, 30));
        var throwsSynchronously = Scenario.Create("sync", _ => throw new InvalidOperationException("boom"))
            .WithLoadSimulations(new IterationsForConstant(1, 5));

        var result = await RunAsync(scenario, throwsSynchronously);

        Assert.Equal(RunStatus.Complete, result.Status);
        var counters = result.Scenarios[0].Counters;
        Assert.Equal(30, counters.Completed);
        Assert.Equal(30, counters.Failed);
        Assert.Equal(0, counters.Ok);
        Assert.Equal(new Dictionary<string, long> { ["exception_InvalidOperationException"] = 30 }, counters.Errors.Snapshot());
        var sync = result.Scenarios[1].Counters;
        Assert.Equal(5, sync.Failed);
        Assert.Equal(new Dictionary<string, long> { ["exception_InvalidOperationException"] = 5 }, sync.Errors.Snapshot());
        // Failures still have a latency: errors are data, not holes in the histogram.
        Assert.Equal(30, result.Histograms.Total(new MetricKey("t", MetricKey.IterationStep, MetricKinds.Corrected)).TotalCount);
    }

    [Fact]
    public async Task StepRun_InsideIterations_CountsEachStepSeparately()
    {
        var scenario = Scenario.Create("s", async ctx =>
            {
                await Step.Run("login", ctx, () => Task.FromResult(Response.Ok()));
                await Step.Run("explode", ctx, () => ctx.InvocationNumber % 5 == 0
                    ? throw new TimeoutException()
                    : Task.FromResult(Response.Ok()));
                return await Step.Run("fetch", ctx, async () =>
                {
                    await Task.Yield();
                    return ctx.InvocationNumber % 3 == 0 ? Response.Fail(ErrorKinds.FromStatus(503), statusCode: 503) : Response.Ok(200);
                });
            })
            .WithLoadSimulations(new IterationsForConstant(3, 30));

        var result = await RunAsync(scenario);

        var counters = Assert.Single(result.Scenarios).Counters;
        // Invocation numbers are 0..29: 10 are multiples of 3, 6 are multiples of 5.
        Assert.Equal(30, counters.Completed);
        Assert.Equal(10, counters.Failed);
        Assert.Equal(["login", "explode", "fetch"], counters.Steps.Select(s => s.Name));
        var login = counters.Steps[0];
        Assert.Equal((30, 30, 0), (login.Requests, login.Ok, login.Failed));
        var explode = counters.Steps[1];
        Assert.Equal((30, 24, 6), (explode.Requests, explode.Ok, explode.Failed));
        Assert.Equal(new Dictionary<string, long> { ["timeout"] = 6 }, explode.Errors.Snapshot());
        var fetch = counters.Steps[2];
        Assert.Equal((30, 20, 10), (fetch.Requests, fetch.Ok, fetch.Failed));
        Assert.Equal(new Dictionary<string, long> { ["http_503"] = 10 }, fetch.Errors.Snapshot());
        Assert.Equal(30, result.Histograms.Total(new MetricKey("s", "login", MetricKinds.Uncorrected)).TotalCount);
        // A failed step's time is kept apart (issue 10): a quick 503 must not pass for a fast answer.
        Assert.Equal(20, result.Histograms.Total(new MetricKey("s", "fetch", MetricKinds.Uncorrected)).TotalCount);
        Assert.Equal(10, result.Histograms.Total(new MetricKey("s", "fetch", MetricKinds.Failed)).TotalCount);
    }

    /// <summary>
    /// Issue 10, point 7: a session returned its last request's response, and its step recorded that request's phases
    /// as the session's. A step with a critical path records the path instead, every kind once per run (zeros too),
    /// and other = its duration less the path, so the means add up to the mean duration.
    /// </summary>
    [Fact]
    public async Task StepRun_ResponseWithCriticalPath_RecordsThePathAndOtherNotTheLastRequestsPhases()
    {
        var path = new CriticalPathTimes(0, 0, 0, 5_000, 1_000, 3_000);
        var scenario = Scenario.Create("s", async ctx => await Step.Run("session", ctx, async () =>
            {
                await Task.Delay(20);
                var last = Response.Ok(200, phases: new Latency.Bench.Http.RequestPhases(700, 7_000, 7_700, 9_000, 900));
                return last.WithCriticalPath(path);
            }))
            .WithLoadSimulations(new IterationsForConstant(1, 5));

        var result = await RunAsync(scenario);

        HistogramBase Total(string kind) => result.Histograms.Total(new MetricKey("s", "session", kind));
        var expected = new Dictionary<string, long>
        {
            [MetricKinds.Dns] = 0, [MetricKinds.Connect] = 0, [MetricKinds.Tls] = 0, [MetricKinds.Ttfb] = 5_000,
            [MetricKinds.Transfer] = 1_000, [MetricKinds.Think] = 3_000,
        };
        foreach (var (kind, us) in expected)
        {
            var histogram = Total(kind);
            Assert.Equal(5, histogram.TotalCount);
            Assert.Equal(histogram.LowestEquivalentValue(us), histogram.LowestEquivalentValue(histogram.GetValueAtPercentile(0)));
            Assert.Equal(histogram.LowestEquivalentValue(us), histogram.LowestEquivalentValue(histogram.GetMaxValue()));
        }

        var durationMeanUs = Total(MetricKinds.Uncorrected).GetMean();
        var partsMeanUs = MetricKinds.Breakdown.Sum(kind => Total(kind).GetMean());
        Assert.Equal(5, Total(MetricKinds.Other).TotalCount);
        Assert.InRange(partsMeanUs, durationMeanUs * 0.999, durationMeanUs * 1.001);
    }

    /// <summary>Issue 10, point 11: warm-up iterations run first, unrecorded, then the timeline runs in full.</summary>
    [Fact]
    public async Task WarmUpIterations_RunFirstAndAreNeitherCountedNorRecorded()
    {
        var calls = new List<(long Invocation, bool Recording)>();
        var scenario = Scenario.Create("s", async ctx =>
            {
                lock (calls) calls.Add((ctx.InvocationNumber, ctx.IsRecording));
                await Step.Run("step", ctx, () => Task.FromResult(Response.Ok()));
                return Response.Ok();
            })
            .WithWarmUpIterations(3)
            .WithLoadSimulations(new IterationsForConstant(1, 5));

        var result = await RunAsync(scenario);

        Assert.Equal([(0, false), (1, false), (2, false), (3, true), (4, true), (5, true), (6, true), (7, true)], calls.OrderBy(c => c.Invocation));
        var counters = Assert.Single(result.Scenarios).Counters;
        Assert.Equal((5, 5), (counters.Started, counters.Completed));
        Assert.Equal(5, result.Histograms.Total(new MetricKey("s", "step", MetricKinds.Uncorrected)).TotalCount);
        Assert.Equal(5, result.Histograms.Total(new MetricKey("s", MetricKey.IterationStep, MetricKinds.Corrected)).TotalCount);
    }
}
