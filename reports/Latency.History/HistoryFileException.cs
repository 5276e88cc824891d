namespace Latency.History;

/// <summary>The history file cannot be used: not a SQLite database, written by a newer version, or unreadable.</summary>
public sealed class HistoryFileException : Exception
{
    public HistoryFileException()
    {
    }

    public HistoryFileException(string message)
        : base(message)
    {
    }

    public HistoryFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
