using System.Net.Sockets;
using System.Security.Authentication;
using Latency.Bench.Load;

namespace Latency.Tests.Load;

public class ErrorKindsTests
{
    public static TheoryData<Exception, string> Cases => new()
    {
        { new SocketException((int)SocketError.ConnectionRefused), "connection_refused" },
        { new SocketException((int)SocketError.ConnectionReset), "connection_reset" },
        { new SocketException((int)SocketError.TimedOut), "connect_timeout" },
        { new SocketException((int)SocketError.HostNotFound), "dns_failure" },
        { new SocketException((int)SocketError.TryAgain), "dns_failure" },
        { new SocketException((int)SocketError.NetworkUnreachable), "unreachable" },
        { new SocketException((int)SocketError.HostUnreachable), "unreachable" },
        { new SocketException((int)SocketError.AccessDenied), "socket_accessdenied" },
        { new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), "connection_refused" },
        { new HttpRequestException("reset", new IOException("io", new SocketException((int)SocketError.ConnectionReset))), "connection_reset" },
        { new TaskCanceledException(), "timeout" },
        { new TaskCanceledException("HttpClient.Timeout", new TimeoutException()), "timeout" },
        { new OperationCanceledException(), "timeout" },
        { new TimeoutException(), "timeout" },
        { new AuthenticationException("bad certificate"), "tls_error" },
        { new HttpRequestException("ssl", new AuthenticationException("bad certificate")), "tls_error" },
        { new IOException("unexpected end of stream"), "io_error" },
        { new HttpRequestException("bad response"), "http_request_error" },
        { new InvalidOperationException(), "exception_InvalidOperationException" },
        { new ArgumentException("x"), "exception_ArgumentException" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FromException_KnownFailure_StableKind(Exception exception, string expected)
    {
        Assert.Equal(expected, ErrorKinds.FromException(exception));
    }

    [Theory]
    [InlineData(503, "http_503")]
    [InlineData(404, "http_404")]
    public void FromStatus_StatusCode_HttpPrefixed(int status, string expected)
    {
        Assert.Equal(expected, ErrorKinds.FromStatus(status));
    }
}
