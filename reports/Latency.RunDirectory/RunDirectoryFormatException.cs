namespace Latency.RunDirectory;

/// <summary>
/// A run directory file is missing or cannot be understood. The message names the file and what is wrong,
/// so it can be shown to a user as is.
/// </summary>
public sealed class RunDirectoryFormatException : Exception
{
    public RunDirectoryFormatException(string filePath, string problem, Exception? innerException = null)
        : base($"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file that is missing or wrong.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
