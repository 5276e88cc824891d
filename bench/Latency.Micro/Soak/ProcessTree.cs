using System.Globalization;

namespace Latency.Micro.Soak;

/// <summary>The processes under a process, found from <c>/proc/*/stat</c>, and what each one is, from its command line.</summary>
public static class ProcessTree
{
    /// <summary>
    /// <paramref name="root"/> and every process descending from it, by parent id. The whole table is read each time:
    /// <c>/proc/PID/task/*/children</c> lists only children of threads that still run, and a child whose parent thread
    /// ended (the thread pool retires threads) would be lost.
    /// </summary>
    /// <param name="root">The top process.</param>
    public static IReadOnlyList<int> WithDescendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ParentOf(pid) is not { } parent)
            {
                continue;
            }

            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(pid);
        }

        var found = new List<int> { root };
        for (var i = 0; i < found.Count; i++)
        {
            found.AddRange(children.GetValueOrDefault(found[i]) ?? []);
        }

        return found;
    }

    /// <summary>
    /// A short name for <paramref name="processId"/>: "world serve --part P" for the world's processes, else the program
    /// and its first arguments with paths cut to their file names; null when it is gone.
    /// </summary>
    /// <param name="processId">The process.</param>
    public static string? Name(int processId)
    {
        string[] arguments;
        try
        {
            arguments = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var part = Array.IndexOf(arguments, "--part");
        if (part > 0 && part + 1 < arguments.Length && arguments.Contains("serve"))
        {
            return "world serve --part " + arguments[part + 1];
        }

        // A kernel thread or a zombie has an empty command line.
        return arguments.Length == 0 ? "?" : string.Join(' ', arguments.Take(4).Select(a => a.StartsWith('/') ? Path.GetFileName(a) : a));
    }

    private static int? ParentOf(int processId)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
