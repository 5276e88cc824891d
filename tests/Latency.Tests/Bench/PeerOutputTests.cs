using Latency.Micro.MaxRate;

namespace Latency.Tests.Bench;

/// <summary>
/// max-rate reads wrk's and hey's own text reports; a misread figure would misstate the engine's ratio to them. The
/// texts here have the layout each tool prints (wrk 4.1 with --latency, hey 0.1.4's summary).
/// </summary>
public sealed class PeerOutputTests
{
    private const string Hey = """

        Summary:
          Total:	10.0031 secs
          Slowest:	0.0412 secs
          Fastest:	0.0001 secs
          Average:	0.0005 secs
          Requests/sec:	18292.4130

          Total data:	365878 bytes
          Size/request:	2 bytes

        Response time histogram:
          0.000 [1]	|
          0.004 [182900]	|■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■

        Latency distribution:
          10% in 0.0002 secs
          25% in 0.0003 secs
          50% in 0.0004 secs
          75% in 0.0005 secs
          90% in 0.0007 secs
          95% in 0.0009 secs
          99% in 0.0030 secs

        Details (average, fastest, slowest):
          DNS+dialup:	0.0000 secs, 0.0001 secs, 0.0412 secs

        Status code distribution:
          [200]	182900 responses
          [503]	30 responses

        Error distribution:
          [7]	Get "http://127.0.0.1:1/health": dial tcp 127.0.0.1:1: connect: connection refused
          [2]	Get "http://127.0.0.1:1/health": context deadline exceeded

        """;

    private const string Wrk = """
        Running 10s test @ http://127.0.0.1:36379/health
          2 threads and 10 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency   211.93us  417.06us  15.10ms   96.72%
            Req/Sec    25.16k     2.01k   29.36k    71.50%
          Latency Distribution
             50%  142.00us
             75%  195.00us
             90%  288.00us
             99%    1.62ms
          500871 requests in 10.00s, 49.68MB read
          Socket errors: connect 0, read 3, write 0, timeout 2
          Non-2xx or 3xx responses: 11
        Requests/sec:  50080.27
        Transfer/sec:      4.97MB
        """;

    [Fact]
    public void Hey_FiguresAreReadInMillisecondsWithEveryResponseAndError()
    {
        var figures = HeyOutput.Parse("hey -c 10", Hey, 1.0, 0.75);

        Assert.NotNull(figures);
        Assert.Equal(18292.4130, figures.RequestsPerSecond, 3);
        Assert.Equal(0.4, figures.P50Millis, 6);
        Assert.Equal(3.0, figures.P99Millis, 6);
        Assert.Equal(182_930, figures.Requests);
        Assert.Equal(30 + 7 + 2, figures.Errors);
        Assert.Equal(1.0, figures.ClientCpuCores);
        Assert.Equal(0.75, figures.ServerCpuCores);
    }

    [Fact]
    public void Hey_WithoutASummary_IsNull()
    {
        Assert.Null(HeyOutput.Parse("hey", "Get \"http://x\": dial tcp: connection refused\n", null, null));
    }

    [Fact]
    public void Wrk_FiguresAreReadInMillisecondsWithSocketErrorsAndNon2xx()
    {
        var figures = WrkOutput.Parse("wrk -t2 -c10", Wrk, 0.7, 1.1);

        Assert.NotNull(figures);
        Assert.Equal(50080.27, figures.RequestsPerSecond, 3);
        Assert.Equal(0.142, figures.P50Millis, 6);
        Assert.Equal(1.62, figures.P99Millis, 6);
        Assert.Equal(500_871, figures.Requests);
        Assert.Equal(3 + 2 + 11, figures.Errors);
    }
}
