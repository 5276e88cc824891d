using System.Text;
using Latency.RunDirectory;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class Utf16ToAsciiStreamTests
{
    [Fact]
    public void Write_CodeUnitsSplitAcrossWrites_JoinsThem()
    {
        var inner = new MemoryStream();
        using (var stream = new Utf16ToAsciiStream(inner, leaveOpen: true))
        {
            var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("ab\n1.5")).ToArray();
            // One byte at a time: every code unit (and the BOM) is split across two writes.
            foreach (var b in bytes)
            {
                stream.Write([b], 0, 1);
            }
        }

        Assert.Equal("ab\n1.5", Encoding.ASCII.GetString(inner.ToArray()));
    }

    [Fact]
    public void Write_NonAsciiCharacter_Throws()
    {
        using var stream = new Utf16ToAsciiStream(new MemoryStream());
        Assert.Throws<InvalidDataException>(() => stream.Write(Encoding.Unicode.GetBytes("caf\u00e9")));
    }

    [Fact]
    public void Write_BomAfterTheStart_IsNotDropped()
    {
        using var stream = new Utf16ToAsciiStream(new MemoryStream());
        stream.Write(Encoding.Unicode.GetBytes("a"));
        Assert.Throws<InvalidDataException>(() => stream.Write(Encoding.Unicode.GetPreamble()));
    }
}
