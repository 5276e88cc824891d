namespace Latency.Micro.Distributed;

/// <summary>One <c>distributed-scale</c> run as measured from outside the coordinator.</summary>
/// <param name="ExitCode">The coordinator's exit code.</param>
/// <param name="Phases">Each phase's start: name, wall time since the coordinator started, its CPU time then.</param>
/// <param name="PeakResidentMb">The coordinator's largest resident set seen, MiB.</param>
/// <param name="IntervalLines">Histogram lines in the logs it collected.</param>
/// <param name="Logs">Logs it collected.</param>
/// <param name="Agents">Agents in the run.</param>
public sealed record DistributedScaleResult(int ExitCode, IReadOnlyList<(string Phase, TimeSpan At, TimeSpan Cpu)> Phases, double PeakResidentMb,
    long IntervalLines, int Logs, int Agents)
{
    /// <summary>The coordinator's CPU per second per agent while the agents ran (between the start and collecting).</summary>
    public double RunningCpuPerAgentSecond
    {
        get
        {
            var started = Phases.FirstOrDefault(p => p.Phase == "agents started");
            var collecting = Phases.FirstOrDefault(p => p.Phase.StartsWith("collecting", StringComparison.Ordinal));
            var seconds = (collecting.At - started.At).TotalSeconds;
            return started.Phase is null || collecting.Phase is null || seconds <= 0 ? double.NaN
                : (collecting.Cpu - started.Cpu).TotalSeconds / seconds / Agents;
        }
    }
}
