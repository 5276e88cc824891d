namespace Latency.History;

/// <summary>A file is not a BenchmarkDotNet JSON report that can go into the history; the message names the file and why.</summary>
public sealed class BenchmarkReportException : Exception
{
    public BenchmarkReportException()
    {
    }

    public BenchmarkReportException(string message)
        : base(message)
    {
    }

    public BenchmarkReportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
