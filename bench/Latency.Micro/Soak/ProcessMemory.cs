using System.Globalization;

namespace Latency.Micro.Soak;

/// <summary>A process's resident set size from <c>/proc/PID/status</c> (VmRSS), what the kernel charges it.</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS of <paramref name="processId"/> in MiB, or NaN when the process is gone.</summary>
    /// <param name="processId">The process.</param>
    public static double ResidentMb(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kib / 1024.0;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Exited between two samples.
        }

        return double.NaN;
    }
}
