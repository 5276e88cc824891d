using System.Globalization;

namespace Latency.Micro.MaxRate;

/// <summary>CPU time from /proc: this process's, another process's, and that of children that have exited and been waited for.</summary>
public static class CpuTime
{
    // USER_HZ: the unit of /proc/*/stat times; 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>This process's user and system CPU time (getrusage, through .NET: finer than /proc's ticks).</summary>
    public static TimeSpan Self() => Environment.CpuUsage.TotalTime;

    /// <summary>cutime + cstime of this process (fields 16 and 17 of /proc/self/stat); zero where /proc is absent.</summary>
    public static TimeSpan WaitedChildren() => Read("/proc/self/stat")?.WaitedChildren ?? TimeSpan.Zero;

    /// <summary>The CPU times of <paramref name="processId"/>, or null when it is gone or /proc is absent.</summary>
    /// <param name="processId">The process.</param>
    public static ProcessCpuTimes? Of(int processId) => Read($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");

    /// <summary>The CPU times in the text of a <c>/proc/PID/stat</c>, or null when it is not one.</summary>
    /// <param name="stat">The file's text: "pid (comm) state ppid ...".</param>
    public static ProcessCpuTimes? Parse(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        // Fields after the command name, which is in parentheses and may hold spaces and parentheses: state is field 3.
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 > stat.Length)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 15)
        {
            return null;
        }

        var ticks = new long[4];
        for (var i = 0; i < ticks.Length; i++)
        {
            if (!long.TryParse(fields[11 + i], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i]))
            {
                return null;
            }
        }

        return new ProcessCpuTimes(TimeSpan.FromSeconds((ticks[0] + ticks[1]) / TicksPerSecond), TimeSpan.FromSeconds((ticks[2] + ticks[3]) / TicksPerSecond));
    }

    private static ProcessCpuTimes? Read(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone between two readings, or no /proc.
            return null;
        }
    }
}
