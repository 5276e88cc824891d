using System.Diagnostics;
using System.Globalization;

namespace Latency.Bench.Harness;

/// <summary>CPU time from the operating system: getrusage for this process (via .NET), /proc for the rest.</summary>
public sealed class SystemCpuSource : ICpuSource
{
    public static SystemCpuSource Instance { get; } = new();

    private SystemCpuSource()
    {
    }

    public int ProcessorCount => Environment.ProcessorCount;

    public TimeSpan ProcessCpu() => Environment.CpuUsage.TotalTime;

    public TimeSpan? ProcessCpu(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.TotalProcessorTime;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Gone (the world went down) or not readable: a missing figure, never a failed run.
            return null;
        }
    }

    public MachineCpuTimes? MachineCpu()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return Parse(reader.ReadLine());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal guest guest_nice", all
    /// processors summed. Guest time is already inside user and nice, so it is not added again.
    /// </summary>
    /// <param name="line">The line, or null.</param>
    public static MachineCpuTimes? Parse(string? line)
    {
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is null || fields.Length < 5 || fields[0] != "cpu")
        {
            return null;
        }

        var values = new long[8];
        for (var i = 0; i < values.Length && i + 1 < fields.Length; i++)
        {
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        var idle = values[3] + values[4];
        var total = values.Sum();
        return new MachineCpuTimes(total - idle, total);
    }
}
