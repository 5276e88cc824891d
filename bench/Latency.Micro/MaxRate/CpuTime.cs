using System.Globalization;

namespace Latency.Micro.MaxRate;

/// <summary>CPU time from /proc: this process's, and that of its children that have exited and been waited for.</summary>
public static class CpuTime
{
    // USER_HZ: the unit of /proc/*/stat times; 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan Self() => Environment.CpuUsage.TotalTime;

    /// <summary>cutime + cstime of this process (fields 16 and 17 of /proc/self/stat); zero where /proc is absent.</summary>
    public static TimeSpan WaitedChildren()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
        catch (UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
    }
}
