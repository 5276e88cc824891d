using Latency.Scenarios.Load;

namespace Latency.Tests.Load;

public class LoadTimelineTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Compile_InjectThenKeepConstant_OneProblemAtTheClosedSimulation()
    {
        var (timeline, problems) = LoadTimeline.Compile([new Inject(10, Second, 5 * Second), new KeepConstant(2, 5 * Second)], seed: 1);

        Assert.Null(timeline);
        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Index);
        Assert.Equal(
            "keep_constant: open-model (inject*) and closed-model (copies) simulations cannot be mixed in one scenario; split them into two scenarios",
            problem.Message);
    }

    [Fact]
    public void Compile_PauseBetweenOpenAndClosed_PauseIsNotTheOffender()
    {
        var (_, problems) = LoadTimeline.Compile(
            [new Pause(Second), new RampingInject(10, Second, 5 * Second), new Pause(Second), new RampingConstant(3, 5 * Second)], seed: 1);

        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Index);
        Assert.StartsWith("ramping_constant: ", problem.Message);
    }

    [Fact]
    public void Compile_PausesAroundInject_IsValidOpenTimeline()
    {
        var (timeline, problems) = LoadTimeline.Compile([new Pause(Second), new Inject(10, Second, 2 * Second), new Pause(Second)], seed: 1);

        Assert.Empty(problems);
        Assert.True(timeline!.IsOpenModel);
        Assert.Equal(4 * Second, timeline.PlannedDuration);
        Assert.Equal(20, timeline.PlannedArrivals);
    }

    // keep_constant 10 copies, then ramping_constant to 20 over 10 s: copies = 10 + 10 * t / 10 s.
    [Theory]
    [InlineData(0, 10)]
    [InlineData(2500, 13)]  // 12.5 rounds away from zero
    [InlineData(5000, 15)]
    [InlineData(10_000, 20)]
    [InlineData(60_000, 20)] // past the end: stays at the target
    public void CopiesAt_RampingConstantAfterKeepConstant_StartsFromPreviousCopies(int elapsedMs, int expected)
    {
        var (timeline, problems) = LoadTimeline.Compile([new KeepConstant(10, 10 * Second), new RampingConstant(20, 10 * Second)], seed: 1);
        Assert.Empty(problems);
        var ramp = timeline!.Phases[1];

        Assert.Equal(10, ramp.StartCopies);
        Assert.Equal(20, ramp.EndCopies);
        Assert.Equal(expected, ramp.CopiesAt(TimeSpan.FromMilliseconds(elapsedMs)));
        Assert.Equal(20, timeline.MaxCopies);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4000, 2)]
    [InlineData(8000, 4)]
    public void CopiesAt_FirstRampingConstant_StartsFromZero(int elapsedMs, int expected)
    {
        var (timeline, _) = LoadTimeline.Compile([new RampingConstant(4, 8 * Second)], seed: 1);

        Assert.Equal(expected, timeline!.Phases[0].CopiesAt(TimeSpan.FromMilliseconds(elapsedMs)));
    }

    [Fact]
    public void CopiesAt_RampingDownAfterKeepConstant_FallsLinearly()
    {
        var (timeline, _) = LoadTimeline.Compile([new KeepConstant(8, Second), new RampingConstant(0, 4 * Second)], seed: 1);
        var ramp = timeline!.Phases[1];

        Assert.Equal(8, ramp.CopiesAt(TimeSpan.Zero));
        Assert.Equal(4, ramp.CopiesAt(2 * Second));
        Assert.Equal(0, ramp.CopiesAt(4 * Second));
        Assert.Equal(8, timeline.MaxCopies);
    }

    [Fact]
    public void Compile_SeveralBadSimulations_ReturnsEveryProblemAtOnce()
    {
        var (timeline, problems) = LoadTimeline.Compile(
        [
            new Inject(-1, Second, 10 * Second),
            new KeepConstant(0, TimeSpan.Zero),
            new Inject(10, 2 * Second, Second),
            new IterationsForConstant(2, 0),
        ], seed: 1);

        Assert.Null(timeline);
        Assert.Equal(
        [
            new LoadSimulationProblem(0, "inject: rate must be > 0 (got -1)"),
            new LoadSimulationProblem(1, "keep_constant: copies must be > 0 (got 0)"),
            new LoadSimulationProblem(1, "keep_constant: during must be > 0 (got 0 s)"),
            new LoadSimulationProblem(2, "inject: interval (2 s) must not be longer than during (1 s)"),
            new LoadSimulationProblem(3, "iterations_for_constant: iterations must be > 0 (got 0)"),
            new LoadSimulationProblem(1,
                "keep_constant: open-model (inject*) and closed-model (copies) simulations cannot be mixed in one scenario; split them into two scenarios"),
        ], problems);
    }

    [Fact]
    public void Compile_Empty_OneProblemWithoutIndex()
    {
        var (timeline, problems) = LoadTimeline.Compile([], seed: 1);

        Assert.Null(timeline);
        Assert.Equal([new LoadSimulationProblem(-1, "at least one load simulation is required")], problems);
    }
}
