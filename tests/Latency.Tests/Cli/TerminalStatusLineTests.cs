using Latency.Bench.Cli;
using Xunit;

namespace Latency.Tests.Cli;

public sealed class TerminalStatusLineTests
{
    [Fact]
    public void Report_ShorterAfterLonger_OverwritesTheWholeLineAndDisposeClearsIt()
    {
        var terminal = new StringWriter();

        using (var status = new TerminalStatusLine(terminal, "latency report"))
        {
            status.Report("reading 42 interval log(s)");
            status.Report("charts");
        }

        var first = "latency report: reading 42 interval log(s)...";
        var second = "latency report: charts...";
        Assert.Equal("\r" + first + "\r" + second.PadRight(first.Length) + "\r" + new string(' ', second.Length) + "\r", terminal.ToString());
    }

    [Fact]
    public void ForStandardError_AWriterOtherThanTheConsole_NoStatusLine()
    {
        Assert.Null(TerminalStatusLine.ForStandardError(new StringWriter(), "latency report"));
    }
}
