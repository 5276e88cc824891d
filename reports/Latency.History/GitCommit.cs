using System.Diagnostics;

namespace Latency.History;

/// <summary>The commit a folder is checked out at, from <c>git rev-parse HEAD</c>; null when it is not in a git checkout.</summary>
public static class GitCommit
{
    /// <summary>
    /// The commit of the checkout holding <paramref name="directory"/>, or null: not a checkout, no git installed, git
    /// failed or took more than 5 s. Never throws for those; a history entry without a commit is still worth keeping.
    /// </summary>
    public static string? Of(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return null;
        }

        try
        {
            var start = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            foreach (var argument in new[] { "rev-parse", "HEAD" })
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var errorTask = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd().Trim();
            if (!git.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                git.Kill();
                return null;
            }

            errorTask.Wait();
            return git.ExitCode == 0 && output.Length >= 40 && output.All(Uri.IsHexDigit) ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
