using Latency.Scenarios.Workloads;
using Latency.World.Backend;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Latency.Tests.Worlds;

public sealed class ResponseInstructionTests
{
    [Fact]
    public void Read_NeitherHeader_IsNoInstruction()
    {
        var errors = new List<string>();

        Assert.Null(ResponseInstruction.Read(new HeaderDictionary { ["Accept"] = "*/*" }, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("48000", "30.25", 48_000, 30.25)]
    [InlineData("0", "0", 0, 0)]
    [InlineData("1073741824", "3600000", HandsetBackend.MaxResponseBytes, 3_600_000)]
    [InlineData(" 12 ", null, 12, 0)]
    [InlineData(null, "5", 0, 5)]
    public void Read_GoodValues_GiveTheInstruction(string? bytes, string? serverMs, long expectedBytes, double expectedMs)
    {
        var errors = new List<string>();

        var instruction = ResponseInstruction.Read(Headers(bytes, serverMs), errors);

        Assert.Empty(errors);
        Assert.Equal(new ResponseInstruction(expectedBytes, TimeSpan.FromMilliseconds(expectedMs)), instruction);
    }

    [Fact]
    public void Read_BadValues_ReportsEveryBadHeader()
    {
        var errors = new List<string>();

        var instruction = ResponseInstruction.Read(Headers("1073741825", "-1"), errors);

        Assert.Null(instruction);
        Assert.Equal(
            [
                "X-Latency-Response-Bytes must be a whole number of bytes from 0 to 1073741824 (got '1073741825')",
                "X-Latency-Server-Ms must be a number of milliseconds from 0 to 3600000 (got '-1')",
            ],
            errors);
    }

    [Theory]
    [InlineData("12kB", null)]
    [InlineData("-5", null)]
    [InlineData("1.5", null)]
    [InlineData(null, "NaN")]
    [InlineData(null, "-Infinity")]
    [InlineData(null, "3600000.5")]
    [InlineData(null, "1e3")]
    public void Read_NotANumberInRange_IsAnError(string? bytes, string? serverMs)
    {
        var errors = new List<string>();

        Assert.Null(ResponseInstruction.Read(Headers(bytes, serverMs), errors));
        Assert.Single(errors);
    }

    [Fact]
    public void Read_HeaderGivenTwice_IsAnError()
    {
        var errors = new List<string>();
        var headers = new HeaderDictionary { [ResponseInstructionHeaders.ResponseBytes] = new(["1", "2"]) };

        Assert.Null(ResponseInstruction.Read(headers, errors));
        Assert.Equal(["X-Latency-Response-Bytes must be given once (got 2 values)"], errors);
    }

    private static HeaderDictionary Headers(string? bytes, string? serverMs)
    {
        var headers = new HeaderDictionary();
        if (bytes is not null)
        {
            headers[ResponseInstructionHeaders.ResponseBytes] = bytes;
        }

        if (serverMs is not null)
        {
            headers[ResponseInstructionHeaders.ServerMs] = serverMs;
        }

        return headers;
    }
}
